import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { portalApi, type Uploaded } from '../api/portal-api';
import { portalKeys } from '../utils/portal-utils';

export const usePortalTenant = (slug: string | null) =>
  useQuery({ queryKey: portalKeys.tenant(slug), queryFn: ({ signal }) => portalApi.tenant(slug, signal), retry: false, staleTime: 10 * 60_000 });

export const usePortalTickets = (enabled: boolean) =>
  useInfiniteQuery({
    queryKey: portalKeys.tickets(),
    queryFn: ({ pageParam, signal }) => portalApi.tickets(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    enabled,
    refetchInterval: 60_000,
  });

export const usePortalTicket = (id: string) => useQuery({ queryKey: portalKeys.ticket(id), queryFn: ({ signal }) => portalApi.ticket(id, signal), retry: false });

/** The conversation refreshes on focus and every 20 s, so an answer shows up without a reload. */
export const usePortalMessages = (id: string) =>
  useQuery({ queryKey: portalKeys.messages(id), queryFn: ({ signal }) => portalApi.messages(id, signal), refetchInterval: 20_000 });

export interface PendingFile {
  uid: string;
  name: string;
  status: 'uploading' | 'done' | 'error';
  upload?: Uploaded;
}

/** Files attached to a reply or a new request: each uploaded at once, its token sent with the message. */
export function useAttachments() {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const add = (file: File, uid: string, onError: (name: string) => void) => {
    setFiles((list) => [...list, { uid, name: file.name, status: 'uploading' }]);
    portalApi.upload(file).then(
      (upload) => setFiles((list) => list.map((f) => (f.uid === uid ? { ...f, status: 'done', upload } : f))),
      () => {
        setFiles((list) => list.map((f) => (f.uid === uid ? { ...f, status: 'error' } : f)));
        onError(file.name);
      },
    );
  };
  return {
    files,
    add,
    remove: (uid: string) => setFiles((list) => list.filter((f) => f.uid !== uid)),
    clear: () => setFiles([]),
    tokens: files.flatMap((f) => (f.upload ? [f.upload.token] : [])),
    busy: files.some((f) => f.status === 'uploading'),
  };
}
