export { createApiClient, type ApiClient, type RequestOptions } from './api-client';
export { ApiError, isApiError, type ProblemDocument, type FieldProblem } from './api-error';
export { describeError, fieldErrors, formatWait, type Translator } from './describe-error';
export { api } from './api';
export { useErrorText } from './use-error-text';
