using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Pipeline;

namespace Blux.Modules.Lite.Features.SubmitTask;

/// <summary>The task request of docs/contract.md#task-request. Every member is optional here so that the validator, not the
/// JSON reader, names what is missing.</summary>
[RequestSchema]
internal sealed record TaskRequestBody(
    [property: Description("The client's id for the task, and its idempotency key: the same id and body answer the existing task, another body is 409. Blux makes one when it is left out.")]
    [property: RegularExpression("^[A-Za-z0-9_.:-]{1,128}$")]
    string? TaskId,
    [property: Required, Description("The task type; GET /v1/routes lists the route serving each.")]
    [property: AllowedValues("echo", "test", "script", "data_analysis", "webhook")]
    string? Type,
    [property: Required] TaskContextBody? Context,
    TaskRequirementsBody? DoctrineRequirements,
    [property: Description("What the route works on: echo and test any object; script {language: \"javascript\", source, input}; data_analysis {operation: \"analyze\", data_references: [\"ref://data/<name>\"]}; webhook {target, body}.")]
    JsonObject? Payload,
    [property: Description("When the request was signed (RFC 3339); with signature, it must be within 300 s of Blux's clock.")]
    [property: DataType(DataType.DateTime)]
    string? Timestamp,
    [property: Description("The id of the request-signing key registered on the caller's identity; with signature.")]
    string? Kid,
    [property: Description("es512-<base64url> over the RFC 8785 form of the request without signature; required where the doctrine, the environment or a high sensitivity asks for it.")]
    string? Signature);

[RequestSchema]
internal sealed record TaskContextBody(
    [property: Description("Whom the task is for; the caller's identity when left out.")] string? UserId,
    [property: Required, Description("dev, stage and prod are accepted for development, staging and production.")]
    [property: AllowedValues("development", "staging", "production", "dev", "stage", "prod")]
    string? Environment,
    [property: Required, AllowedValues("low", "medium", "high", "critical")] string? Sensitivity) : ITaskRequestContext;

[RequestSchema]
internal sealed record TaskRequirementsBody(
    [property: Description("Ask for reflection even where the doctrine does not; it can tighten, never relax, what the doctrine asks.")]
    [property: DefaultValue(false)]
    bool? RequireReflection,
    [property: Description("Ask for a sandboxed route even where the doctrine does not.")]
    [property: DefaultValue(false)]
    bool? SandboxExecution,
    [property: DefaultValue("basic"), AllowedValues("none", "basic", "detailed", "verbose")] string? AuditLevel,
    [property: Description("How much of the caller's history reflection reads.")]
    [property: DefaultValue("medium"), AllowedValues("medium", "deep")]
    string? ReflectionDepth);
