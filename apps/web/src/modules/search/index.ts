// Search: the header box with instant results, and the results page.
export { searchApi, type SearchHit, type SearchPage } from './api/search-api';
export { searchKeys, useQuickSearch, useSearchResults, useDebounced } from './hooks/use-search';
export { GlobalSearch, hitPath } from './components/global-search';
export { MarkedText } from './components/marked-text';
