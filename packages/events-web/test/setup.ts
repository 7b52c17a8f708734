import { afterEach } from "vitest";
import { cleanUpAfterTest } from "./helpers.js";

afterEach(cleanUpAfterTest);
