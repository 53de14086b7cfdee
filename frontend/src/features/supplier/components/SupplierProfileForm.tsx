import { Alert, App, Button, Col, Form, Input, Radio, Row, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { CategoryTreeSelect } from "@/components/CategoryTreeSelect";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { RegionSelect } from "@/components/RegionSelect";
import { useSaveSupplierProfile, type SupplierProfile, type SupplierProfileInput } from "../api/supplierProfile";

type Values = Required<SupplierProfileInput>;

function initialValues(profile: SupplierProfile | null): Values {
  return {
    role: profile?.role ?? "both",
    is_listed: profile?.is_listed ?? true,
    display_name_zh: profile?.display_name_zh ?? "",
    display_name_en: profile?.display_name_en ?? "",
    description_zh: profile?.description_zh ?? "",
    description_en: profile?.description_en ?? "",
    category_codes: profile?.categories.map((c) => c.code) ?? [],
    regions_served: profile?.regions_served ?? [],
    capacity_note: profile?.capacity_note ?? "",
    min_order_note: profile?.min_order_note ?? "",
  };
}

/** Names and descriptions in both languages, categories, regions, capacity and MOQ notes. */
export function SupplierProfileForm({ profile, canEdit }: { profile: SupplierProfile | null; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveSupplierProfile();
  const { state, report, clear } = useFormProblem(form);

  const onFinish = async (values: Values) => {
    clear();
    try {
      await save.mutateAsync({
        ...values,
        display_name_zh: values.display_name_zh.trim(),
        display_name_en: values.display_name_en.trim(),
      });
      void message.success(t("supplierProfile.saved"));
    } catch (error) {
      report(error);
    }
  };

  const oneName = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: () =>
      String(getFieldValue("display_name_zh") ?? "").trim() || String(getFieldValue("display_name_en") ?? "").trim()
        ? Promise.resolve()
        : Promise.reject(new Error(t("supplierProfile.nameRequired"))),
  });

  return (
    <Form<Values>
      form={form}
      name="supplier-profile"
      layout="vertical"
      data-testid="supplier-profile-form"
      disabled={!canEdit}
      initialValues={initialValues(profile)}
      onFinish={onFinish}
    >
      <FormAlert state={state} />
      {profile === null ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("supplierProfile.none")} />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="role" label={t("supplierProfile.fields.role")}>
            <Radio.Group data-testid="supplier-role" optionType="button">
              <Radio value="supplier">{t("supplierProfile.roles.supplier")}</Radio>
              <Radio value="buyer">{t("supplierProfile.roles.buyer")}</Radio>
              <Radio value="both">{t("supplierProfile.roles.both")}</Radio>
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="is_listed"
            label={t("supplierProfile.fields.is_listed")}
            extra={t("supplierProfile.listedHelp")}
            valuePropName="checked"
          >
            <Switch data-testid="supplier-listed" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="display_name_zh"
            label={t("supplierProfile.fields.display_name_zh")}
            dependencies={["display_name_en"]}
            rules={[oneName, { max: 200, message: t("validation.maxLength", { max: 200 }) }]}
          >
            <Input data-testid="supplier-name-zh" lang="zh-CN" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="display_name_en"
            label={t("supplierProfile.fields.display_name_en")}
            dependencies={["display_name_zh"]}
            rules={[oneName, { max: 200, message: t("validation.maxLength", { max: 200 }) }]}
          >
            <Input data-testid="supplier-name-en" lang="en" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="description_zh"
            label={t("supplierProfile.fields.description_zh")}
            rules={[{ max: 5000, message: t("validation.maxLength", { max: 5000 }) }]}
          >
            <Input.TextArea rows={4} data-testid="supplier-description-zh" lang="zh-CN" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="description_en"
            label={t("supplierProfile.fields.description_en")}
            rules={[{ max: 5000, message: t("validation.maxLength", { max: 5000 }) }]}
          >
            <Input.TextArea rows={4} data-testid="supplier-description-en" lang="en" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="category_codes"
            label={t("supplierProfile.fields.categories")}
            extra={t("supplierProfile.categoriesHelp")}
            rules={[{ type: "array", max: 50, message: t("validation.maxItems", { max: 50 }) }]}
          >
            <CategoryTreeSelect multiple data-testid="supplier-categories" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="regions_served"
            label={t("supplierProfile.fields.regions_served")}
            extra={t("supplierProfile.regionsHelp")}
            rules={[{ type: "array", max: 60, message: t("validation.maxItems", { max: 60 }) }]}
          >
            <RegionSelect multiple data-testid="supplier-regions" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="capacity_note"
            label={t("supplierProfile.fields.capacity_note")}
            rules={[{ max: 2000, message: t("validation.maxLength", { max: 2000 }) }]}
          >
            <Input.TextArea
              rows={3}
              data-testid="supplier-capacity"
              placeholder={t("supplierProfile.capacityPlaceholder")}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="min_order_note"
            label={t("supplierProfile.fields.min_order_note")}
            rules={[{ max: 2000, message: t("validation.maxLength", { max: 2000 }) }]}
          >
            <Input.TextArea
              rows={3}
              data-testid="supplier-min-order"
              placeholder={t("supplierProfile.minOrderPlaceholder")}
            />
          </Form.Item>
        </Col>
      </Row>
      {canEdit ? (
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="supplier-profile-save">
          {profile ? t("actions.save") : t("supplierProfile.create")}
        </Button>
      ) : null}
    </Form>
  );
}
