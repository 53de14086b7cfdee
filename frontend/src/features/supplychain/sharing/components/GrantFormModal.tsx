import { DatePicker, Form, Input, Modal, Select, Switch } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, type FormErrorState } from "@/components/FormAlert";
import { dateFieldProps, dayjs } from "@/lib/dates";
import { applyProblemToForm } from "@/lib/forms";
import { localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useCreateGrant, useUpdateGrant, type ShareGrant } from "../api/grants";
import { useItemOptions, useTradingPartners, useWarehouseOptions } from "../api/options";

interface Values {
  partner_id?: number;
  item_ids: number[];
  category_code: string;
  warehouse_ids: number[];
  share_consumption: boolean;
  valid_from: string;
  valid_until: string | null;
  note: string;
}

/** Make a grant (pick the partner, items or a category, warehouses, the period and whether consumption is
 * shared) or change one (`grant`: the partner stays). */
export function GrantFormModal({ grant, onClose }: { grant?: ShareGrant; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [form] = Form.useForm<Values>();
  const [errorState, setErrorState] = useState<FormErrorState | null>(null);
  const [itemSearch, setItemSearch] = useState("");
  const partners = useTradingPartners();
  const items = useItemOptions(itemSearch);
  const warehouses = useWarehouseOptions();
  const create = useCreateGrant();
  const update = useUpdateGrant();
  const submit = async (values: Values) => {
    setErrorState(null);
    const scope = {
      item_ids: values.item_ids ?? [],
      category_code: values.category_code ?? "",
      warehouse_ids: values.warehouse_ids ?? [],
      share_consumption: values.share_consumption ?? false,
      valid_from: values.valid_from,
      valid_until: values.valid_until || null,
      note: values.note ?? "",
    };
    try {
      if (grant) await update.mutateAsync({ id: grant.id, body: scope });
      else await create.mutateAsync({ ...scope, partner_id: values.partner_id ?? 0 });
      onClose();
    } catch (error) {
      setErrorState({ error, messages: applyProblemToForm(form, error) });
    }
  };
  // Items already chosen stay labelled even when the search no longer lists them.
  const itemOptions = (items.data?.results ?? []).map((item) => ({
    value: item.id,
    label: `${item.sku} · ${localized(item.name_en, item.name_zh, language)}`,
  }));
  return (
    <Modal
      open
      title={t(grant ? "supplyChain.sharing.form.editTitle" : "supplyChain.sharing.form.createTitle")}
      okText={t(grant ? "supplyChain.sharing.form.save" : "supplyChain.sharing.form.create")}
      okButtonProps={{ "data-testid": "grant-submit" } as Record<string, string>}
      cancelText={t("actions.cancel")}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
    >
      <FormAlert state={errorState} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          partner_id: grant?.partner.id,
          item_ids: grant?.item_ids ?? [],
          category_code: grant?.category_code ?? "",
          warehouse_ids: grant?.warehouse_ids ?? [],
          share_consumption: grant?.share_consumption ?? false,
          valid_from: grant?.valid_from ?? dayjs().format("YYYY-MM-DD"),
          valid_until: grant?.valid_until ?? null,
          note: grant?.note ?? "",
        }}
        onFinish={(values) => void submit(values)}
      >
        {!grant && (
          <Form.Item
            name="partner_id"
            label={t("supplyChain.sharing.form.partner")}
            extra={t("supplyChain.sharing.form.partnerHelp")}
            rules={[{ required: true, message: t("supplyChain.sharing.form.partnerRequired") }]}
          >
            <Select
              data-testid="grant-partner"
              loading={partners.isPending}
              showSearch
              optionFilterProp="label"
              options={(partners.data?.results ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="item_ids" label={t("supplyChain.sharing.form.items")}>
          <Select
            mode="multiple"
            data-testid="grant-items"
            showSearch
            filterOption={false}
            onSearch={setItemSearch}
            loading={items.isFetching}
            options={itemOptions}
            placeholder={t("supplyChain.sharing.form.itemsPlaceholder")}
          />
        </Form.Item>
        <Form.Item
          name="category_code"
          label={t("supplyChain.sharing.form.category")}
          extra={t("supplyChain.sharing.form.categoryHelp")}
        >
          <Input maxLength={64} data-testid="grant-category" />
        </Form.Item>
        <Form.Item
          name="warehouse_ids"
          label={t("supplyChain.sharing.form.warehouses")}
          extra={t("supplyChain.sharing.form.warehousesHelp")}
        >
          <Select
            mode="multiple"
            data-testid="grant-warehouses"
            loading={warehouses.isPending}
            options={(warehouses.data?.results ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
          />
        </Form.Item>
        <Form.Item
          name="share_consumption"
          label={t("supplyChain.sharing.form.consumption")}
          extra={t("supplyChain.sharing.form.consumptionHelp")}
          valuePropName="checked"
        >
          <Switch data-testid="grant-consumption" />
        </Form.Item>
        <Form.Item
          name="valid_from"
          label={t("supplyChain.sharing.form.validFrom")}
          rules={[{ required: true }]}
          {...dateFieldProps}
        >
          <DatePicker data-testid="grant-valid-from" />
        </Form.Item>
        <Form.Item
          name="valid_until"
          label={t("supplyChain.sharing.form.validUntil")}
          extra={t("supplyChain.sharing.form.validUntilHelp")}
          {...dateFieldProps}
        >
          <DatePicker data-testid="grant-valid-until" />
        </Form.Item>
        <Form.Item name="note" label={t("supplyChain.sharing.form.note")}>
          <Input.TextArea maxLength={500} rows={2} data-testid="grant-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
