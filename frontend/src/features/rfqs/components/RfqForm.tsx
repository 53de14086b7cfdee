import {
  App,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { RegionSelect } from "@/components/RegionSelect";
import { beforeToday, dateFieldProps, dateTimeFieldProps, dayjs } from "@/lib/dates";
import { problemMessage } from "@/lib/problem";
import { CURRENCIES } from "@/lib/regions";
import type { LinkedListing } from "../api/listingSearch";
import type { Rfq, RfqInput } from "../api/rfqs";
import { useSaveScreening, type Screening } from "../api/screening";
import { RfqLinesField } from "./RfqLinesField";
import { rfqBody, rfqValues, WEIGHTS, type RfqValues } from "./rfqFormValues";

/**
 * A draft RFQ: what is wanted (lines), when and where (delivery), until when quotes are taken, who may
 * quote (visibility, sealed bids) and how the matched suppliers are ranked (screening weights, top N).
 * Publishing needs the closing time, delivery date and region; a draft may be saved without them.
 */
export function RfqForm({
  rfq,
  screening,
  currency,
  listing,
  listingLabel,
  submitting,
  onSubmit,
}: {
  rfq: Rfq | null;
  screening: Screening | undefined;
  currency: string;
  listing?: LinkedListing | null;
  listingLabel?: string;
  submitting: boolean;
  onSubmit: (body: RfqInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RfqValues>();
  const { state, report, clear } = useFormProblem(form);
  const saveScreening = useSaveScreening();
  const initialValues = useMemo(
    () => rfqValues({ rfq, screening, currency, listing, listingLabel }),
    [rfq, screening, currency, listing, listingLabel],
  );

  const onFinish = async (values: RfqValues) => {
    clear();
    try {
      await onSubmit(rfqBody(values));
    } catch (error) {
      report(error);
    }
  };

  const onSaveDefaults = () => {
    const values = form.getFieldsValue(["top_n", ...WEIGHTS]) as Screening;
    saveScreening.mutate(values, {
      onSuccess: () => void message.success(t("rfqs.screening.savedDefaults")),
      onError: (error) => void message.error(problemMessage(t, error)),
    });
  };

  const required = { required: true, message: t("validation.required") };
  return (
    <Form<RfqValues>
      form={form}
      name="rfq"
      layout="vertical"
      data-testid="rfq-form"
      initialValues={initialValues}
      onFinish={onFinish}
      scrollToFirstError
    >
      <FormAlert state={state} />
      <Card size="small" title={t("rfqs.sections.request")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="title"
              label={t("rfqs.fields.title")}
              rules={[
                { ...required, whitespace: true },
                { max: 200, message: t("validation.maxLength", { max: 200 }) },
              ]}
            >
              <Input data-testid="rfq-title" placeholder={t("rfqs.fields.titlePlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="reference"
              label={t("rfqs.fields.reference")}
              rules={[{ max: 60, message: t("validation.maxLength", { max: 60 }) }]}
            >
              <Input data-testid="rfq-reference" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="description"
              label={t("rfqs.fields.description")}
              rules={[{ max: 10000, message: t("validation.maxLength", { max: 10000 }) }]}
            >
              <Input.TextArea rows={3} data-testid="rfq-description" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t("rfqs.sections.lines")} style={{ marginBottom: 16 }}>
        <RfqLinesField form={form} />
      </Card>

      <Card size="small" title={t("rfqs.sections.terms")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="currency" label={t("rfqs.fields.currency")} rules={[required]}>
              <Select data-testid="rfq-currency" showSearch options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="delivery_date"
              label={t("rfqs.fields.deliveryDate")}
              extra={t("rfqs.neededToPublish")}
              dependencies={["closing_at"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: string | null) => {
                    const closing = getFieldValue("closing_at") as string | null;
                    if (value && closing && dayjs(value).isBefore(dayjs(closing), "day"))
                      return Promise.reject(new Error(t("rfqs.validation.deliveryBeforeClosing")));
                    return Promise.resolve();
                  },
                }),
              ]}
              {...dateFieldProps}
            >
              <DatePicker style={{ width: "100%" }} disabledDate={beforeToday} data-testid="rfq-delivery-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="delivery_region" label={t("rfqs.fields.deliveryRegion")} extra={t("rfqs.regionHelp")}>
              <RegionSelect data-testid="rfq-delivery-region" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="payment_terms"
              label={t("rfqs.fields.paymentTerms")}
              rules={[{ max: 200, message: t("validation.maxLength", { max: 200 }) }]}
            >
              <Input placeholder={t("rfqs.fields.paymentTermsPlaceholder")} data-testid="rfq-payment-terms" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t("rfqs.sections.bidding")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="closing_at"
              label={t("rfqs.fields.closingAt")}
              extra={t("rfqs.neededToPublish")}
              rules={[
                {
                  validator: (_, value: string | null) =>
                    !value || dayjs(value).isAfter(dayjs())
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("rfqs.validation.closingInPast"))),
                },
              ]}
              {...dateTimeFieldProps}
            >
              <DatePicker
                showTime={{ format: "HH:mm" }}
                needConfirm={false}
                format="YYYY-MM-DD HH:mm"
                style={{ width: "100%" }}
                disabledDate={beforeToday}
                data-testid="rfq-closing-at"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="visibility" label={t("rfqs.fields.visibility")}>
              <Radio.Group data-testid="rfq-visibility">
                <Space direction="vertical" size={2}>
                  <Radio value="open" data-testid="rfq-visibility-open">
                    {t("rfqs.visibility.open")}
                  </Radio>
                  <Radio value="invited" data-testid="rfq-visibility-invited">
                    {t("rfqs.visibility.invited")}
                  </Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="sealed"
              label={t("rfqs.fields.sealed")}
              extra={t("rfqs.sealedHelp")}
              valuePropName="checked"
            >
              <Switch data-testid="rfq-sealed" />
            </Form.Item>
          </Col>
        </Row>
        <Collapse
          size="small"
          items={[
            {
              key: "screening",
              label: t("rfqs.screening.title"),
              forceRender: true,
              children: (
                <Space direction="vertical" style={{ width: "100%" }}>
                  <Typography.Text type="secondary">{t("rfqs.screening.intro")}</Typography.Text>
                  <Row gutter={16}>
                    {WEIGHTS.map((weight) => (
                      <Col xs={12} md={6} key={weight}>
                        <Form.Item
                          name={weight}
                          label={t(`rfqs.screening.${weight}`)}
                          rules={[
                            required,
                            ({ getFieldValue }) => ({
                              validator: () =>
                                WEIGHTS.some((w) => Number(getFieldValue(w)) > 0)
                                  ? Promise.resolve()
                                  : Promise.reject(new Error(t("rfqs.validation.oneWeight"))),
                            }),
                          ]}
                          dependencies={WEIGHTS.filter((w) => w !== weight)}
                        >
                          <InputNumber
                            min={0}
                            max={100}
                            precision={0}
                            style={{ width: "100%" }}
                            data-testid={`rfq-${weight}`}
                          />
                        </Form.Item>
                      </Col>
                    ))}
                    <Col xs={12} md={6}>
                      <Form.Item
                        name="top_n"
                        label={t("rfqs.screening.top_n")}
                        extra={t("rfqs.screening.topNHelp")}
                        rules={[required]}
                      >
                        <InputNumber
                          min={1}
                          max={10000}
                          precision={0}
                          style={{ width: "100%" }}
                          data-testid="rfq-top-n"
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Button
                    size="small"
                    onClick={onSaveDefaults}
                    loading={saveScreening.isPending}
                    data-testid="rfq-save-defaults"
                  >
                    {t("rfqs.screening.saveDefaults")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="rfq-save">
          {rfq ? t("actions.save") : t("rfqs.saveDraft")}
        </Button>
        <Typography.Text type="secondary">{t("rfqs.afterSave")}</Typography.Text>
      </Space>
    </Form>
  );
}
