import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { AppStore } from "./app-store.js";

export const StoreContext = createContext<AppStore | undefined>(undefined);

/** The page's store; the calling component re-renders whenever it changes. */
export function useStore(): AppStore {
  const store = useContext(StoreContext);
  if (store === undefined) throw new Error("useStore outside StoreContext");
  const [, setVersion] = useState(store.version);
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setVersion(store.version));
    // What changed between the first render and this subscription.
    setVersion(store.version);
    return unsubscribe;
  }, [store]);
  return store;
}
