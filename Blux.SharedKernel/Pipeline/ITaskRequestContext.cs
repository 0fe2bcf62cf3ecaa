namespace Blux.SharedKernel.Pipeline;

/// <summary>The <c>context</c> of a task request as each module that reads one binds it.</summary>
public interface ITaskRequestContext
{
    string? Environment { get; }

    string? Sensitivity { get; }
}
