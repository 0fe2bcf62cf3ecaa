using System.Text.Json.Nodes;
using Mediator;

namespace Blux.Modules.Guard.Features.Checkpoints;

/// <summary>The newest signed checkpoint, in the form of <see cref="Checkpoint"/>; not found before the first.</summary>
internal sealed record LatestCheckpointRequest : IRequest<JsonObject>;
