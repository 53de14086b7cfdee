import { Form, Input, Modal } from "antd";
import { useCallback, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { isProblem, ProblemError } from "@/lib/problem";
import { reauthenticate } from "../api/reauthenticate";

/** The code a cancelled password prompt rejects with; callers ignore it. */
export const CANCELLED = "reauthentication_cancelled";

/**
 * Runs a sensitive allauth action; when allauth asks for the password again
 * (`reauthentication_required`), asks for it in a modal and runs the action once more.
 */
export function useReauth(): { run: <T>(action: () => Promise<T>) => Promise<T>; modal: ReactNode } {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const { state, report, clear } = useFormProblem(form);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const pending = useRef<{
    retry: () => Promise<unknown>;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  } | null>(null);

  const run = useCallback(
    <T,>(action: () => Promise<T>): Promise<T> => {
      return action().catch((error: unknown) => {
        if (!isProblem(error) || error.code !== "reauthentication_required") throw error;
        return new Promise<T>((resolve, reject) => {
          pending.current = { retry: action, resolve: resolve as (v: unknown) => void, reject };
          clear();
          setOpen(true);
        });
      });
    },
    [clear],
  );

  const onOk = async () => {
    const { password } = await form.validateFields();
    setBusy(true);
    try {
      await reauthenticate({ password });
      const current = pending.current;
      setOpen(false);
      pending.current = null;
      if (current) current.retry().then(current.resolve, current.reject);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  const onCancel = () => {
    pending.current?.reject(new ProblemError({ status: 0, code: CANCELLED }));
    pending.current = null;
    setOpen(false);
  };

  const modal = (
    <Modal
      open={open}
      title={t("profile.reauth.title")}
      okText={t("actions.confirm")}
      cancelText={t("actions.cancel")}
      confirmLoading={busy}
      onOk={() => void onOk()}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ "data-testid": "reauth-submit" } as Record<string, string>}
    >
      <p>{t("profile.reauth.prompt")}</p>
      <Form form={form} layout="vertical" name="reauth" preserve={false}>
        <FormAlert state={state} />
        <Form.Item
          name="password"
          label={t("signin.fields.password")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Input.Password data-testid="reauth-password" autoComplete="current-password" />
        </Form.Item>
      </Form>
    </Modal>
  );

  return { run, modal };
}
