namespace Blux.SharedKernel.Modules;

/// <summary>Each module registers one; the host asks all of them for health and status.</summary>
public interface IModuleStatusProvider
{
    string Name { get; }

    ValueTask<ModuleStatus> GetStatusAsync(CancellationToken cancellationToken);
}
