export { ResetPasswordPage as Component } from "./PasswordResetPages";
