import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { AppStore } from "./app-store.js";

export const StoreContext = createContext<AppStore | undefined>(undefined);

/** The page's store; the calling component re-renders whenever it changes. */
export function useStore(): AppStore {
  const store = useContext(StoreContext);
  if (store === undefined) throw new Error("useStore outside StoreContext");
  const [, setVersion] = useState(store.version);
  useEffect(() => store.subscribe(() => setVersion(store.version)), [store]);
  return store;
}
