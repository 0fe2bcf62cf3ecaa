using Jint;
using Jint.Runtime;
using Jint.Runtime.Modules;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// The sandbox has no modules. Jint's default loader answers <c>import()</c> with a host exception,
/// which would surface as a failure of Blux rather than of the script; this one rejects the import with
/// a JavaScript TypeError, which the script may catch and which otherwise fails it as SCRIPT_ERROR.
/// </summary>
internal sealed class RefusingModuleLoader : IModuleLoader
{
    public static readonly RefusingModuleLoader Instance = new();

    public ResolvedSpecifier Resolve(string? referencingModuleLocation, ModuleRequest moduleRequest) =>
        new(moduleRequest, moduleRequest.Specifier, null, SpecifierType.Bare);

    public Module LoadModule(Engine engine, ResolvedSpecifier resolved) =>
        throw new JavaScriptException(engine.Intrinsics.TypeError, $"Cannot import '{resolved.ModuleRequest.Specifier}': scripts have no modules.");
}
