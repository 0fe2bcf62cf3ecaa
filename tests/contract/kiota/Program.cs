// The README's walkthrough with the generated Kiota client: submit the README's task with ?wait, read
// audit_trail[0].record_hash, list tasks by status, verify the audit chain, and have a bad request
// answered as the typed error envelope. Prints one JSON line for the test to check.
// Usage: KiotaWalkthrough <blux url> <access token>
using System.Net.Http.Headers;
using System.Text.Json;
using Blux.Client;
using Blux.Client.Models;
using Blux.Client.V1.Tasks;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

using var http = new HttpClient();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", args[1]);
var blux = new BluxClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = args[0] });

var task = new TaskRequestBody
{
    TaskId = "task_kiota_readme",
    Type = TaskRequestBody_type.Echo,
    Context = new TaskContextBody { UserId = "user_alice", Environment = TaskContextBody_environment.Development, Sensitivity = TaskContextBody_sensitivity.Medium },
    DoctrineRequirements = new TaskRequirementsBody { RequireReflection = true, SandboxExecution = true, AuditLevel = TaskRequirementsBody_audit_level.Detailed },
    Payload = new JsonObject { AdditionalData = new Dictionary<string, object> { ["operation"] = "analyze", ["data_references"] = new List<object> { "ref://data/set1" } } },
};

var finished = await blux.V1.Tasks.PostAsync(task, request => request.QueryParameters.Wait = 10)
    ?? throw new InvalidOperationException("no answer to the submission");
var recordHash = finished.AuditTrail?[0].RecordHash;

var page = await blux.V1.Tasks.GetAsync(request =>
{
    request.QueryParameters.Status = GetStatusQueryParameterType.Completed;
    request.QueryParameters.PageSize = 10;
});
var verification = await blux.V1.Audit.Verify.GetAsync(request => request.QueryParameters.FromSeq = 1);

string? refusal = null;
try
{
    await blux.V1.Tasks.PostAsync(new TaskRequestBody { Type = TaskRequestBody_type.Echo });
}
catch (ErrorEnvelope envelope)
{
    refusal = $"{(int)envelope.ResponseStatusCode} {envelope.Error?.Code} {envelope.Error?.Details?.AdditionalData["field"]}";
}

Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
{
    ["task_id"] = finished.TaskId,
    ["status"] = finished.Status?.ToString(),
    ["route"] = finished.Route?.SelectedRoute,
    ["record_hash"] = recordHash,
    ["listed"] = page?.Tasks?.Select(t => t.TaskId).ToArray(),
    ["valid"] = verification?.Valid,
    ["refusal"] = refusal,
}));
