// The session module: first-run set-up, sign-in and out, the signed-in user.
export { sessionApi, type Session, type SessionUser, type SessionTenant, type Role } from './api/session-api';
export { sessionKeys } from './hooks/session-keys';
export { useSession, useSetupStatus, useLogin, useLogout, useSetup } from './hooks/use-session';
export { SignInForm } from './components/sign-in-form';
export { SetupForm } from './components/setup-form';
export { UserMenu } from './components/user-menu';
export { LanguagePicker } from './components/language-picker';
export { can, type UiPermission } from './utils/permissions';
