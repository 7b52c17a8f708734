/**
 * The OpenTelemetry attribute names and values this package writes, copied from the semantic
 * conventions (CI/CD, process, file, error, VCS, service: semantic-conventions 1.37), not imported:
 * their incubating entry point may change in any minor release, and the wire names are what
 * matters. `phaser.*` names are this project's own, for what the conventions have no name for.
 */

export const ATTR_SERVICE_NAME = "service.name";

export const ATTR_CICD_PIPELINE_NAME = "cicd.pipeline.name";
export const ATTR_CICD_PIPELINE_RUN_ID = "cicd.pipeline.run.id";
export const ATTR_CICD_PIPELINE_ACTION_NAME = "cicd.pipeline.action.name";
export const ATTR_CICD_PIPELINE_RESULT = "cicd.pipeline.result";
export const ATTR_CICD_PIPELINE_TASK_NAME = "cicd.pipeline.task.name";
export const ATTR_CICD_PIPELINE_TASK_RUN_ID = "cicd.pipeline.task.run.id";
export const ATTR_CICD_PIPELINE_TASK_RUN_RESULT = "cicd.pipeline.task.run.result";

/** Values of `cicd.pipeline.result` and `cicd.pipeline.task.run.result`. */
export type CicdResult = "success" | "failure" | "error" | "timeout" | "cancellation" | "skip";

/** `cicd.pipeline.action.name`: the pipeline ran (the conventions' other values are BUILD and SYNC). */
export const CICD_ACTION_RUN = "RUN";

export const ATTR_ERROR_TYPE = "error.type";
/** `error.type`'s value when no better class is known. */
export const ERROR_TYPE_OTHER = "_OTHER";

export const ATTR_PROCESS_COMMAND_LINE = "process.command_line";
export const ATTR_PROCESS_EXIT_CODE = "process.exit.code";

export const ATTR_FILE_PATH = "file.path";
export const ATTR_FILE_SIZE = "file.size";

export const ATTR_VCS_REF_HEAD_NAME = "vcs.ref.head.name";
export const ATTR_VCS_REF_HEAD_REVISION = "vcs.ref.head.revision";

/** The audit's project (`audit_started.data.project`). */
export const ATTR_PHASER_PROJECT = "phaser.project";
/** The phase's number. */
export const ATTR_PHASER_PHASE = "phaser.phase";
/** 1-based: the how-manieth run of a verification command within its phase. */
export const ATTR_PHASER_ATTEMPT = "phaser.verification.attempt";
/** A failed verification's stored output (at most 1,000 characters). */
export const ATTR_PHASER_OUTPUT = "phaser.verification.output";
export const ATTR_PHASER_LINES_ADDED = "phaser.file.lines_added";
export const ATTR_PHASER_LINES_REMOVED = "phaser.file.lines_removed";
/** The stored event's id, on every span and span event made from one. */
export const ATTR_PHASER_EVENT_ID = "phaser.event.id";
