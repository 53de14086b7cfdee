export { RequestPasswordResetPage as Component } from "./PasswordResetPages";
