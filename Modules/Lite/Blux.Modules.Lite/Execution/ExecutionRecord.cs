using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Events;

namespace Blux.Modules.Lite.Execution;

/// <summary>A run's outcome as it is kept on the row: the pending change, its JSON, and its TaskCompleted or TaskFailed event.</summary>
internal sealed record ExecutionRecord(PendingTransition Pending, string Json, BLUXEvent? Event);
