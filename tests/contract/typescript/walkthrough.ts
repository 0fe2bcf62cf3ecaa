// The README's walkthrough written against a client generated from docs/openapi.json
// (openapi-typescript types, openapi-fetch calls). It compiles under tsc --strict only while the
// document types what it uses: the task request, ?wait, the finished task's audit trail, the task
// list's filters and the audit verification.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/blux";

type TaskRequest = components["schemas"]["TaskRequestBody"];

// The README's task request, as it is.
const task: TaskRequest = {
  task_id: "task_abc123",
  type: "echo",
  context: { user_id: "user_alice", environment: "development", sensitivity: "medium" },
  doctrine_requirements: { require_reflection: true, sandbox_execution: true, audit_level: "detailed" },
  payload: { operation: "analyze", data_references: ["ref://data/set1"] },
};

export async function walkthrough(baseUrl: string, token: string): Promise<string> {
  const blux = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });

  const submitted = await blux.POST("/v1/tasks", { params: { query: { wait: 10 } }, body: task });
  if (submitted.error !== undefined) {
    const code: string = submitted.error.error.code;
    throw new Error(`refused: ${code} ${submitted.error.error.message}`);
  }

  const answer = submitted.data;
  if (!("audit_trail" in answer)) {
    throw new Error(`not finished within the wait: ${answer.status}, audit ${answer.audit_id}`);
  }

  const recordHash: string = answer.audit_trail[0].record_hash;
  const seq: number = answer.audit_trail[0].seq;
  const route: string | undefined = answer.route?.selected_route;

  const listed = await blux.GET("/v1/tasks", { params: { query: { status: "completed", type: "echo", page_size: 10 } } });
  const ids: string[] = listed.data?.tasks.map((t) => t.task_id) ?? [];
  const next: string | null | undefined = listed.data?.next_page_token;

  const verified = await blux.GET("/v1/audit/verify", { params: { query: { from_seq: 1 } } });
  const valid: boolean = verified.data?.valid ?? false;
  const broken: number | undefined = verified.data?.first_failure?.seq;

  return [recordHash, seq, route, ids.length, next, valid, broken].join(" ");
}
