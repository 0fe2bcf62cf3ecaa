using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// Bounds chains of bound functions. Calling a function bound from a bound function (or through a Proxy,
/// or through <c>call.bind</c>) prepends each link's bound arguments, so the call holds one array per
/// link, each longer than the last: a chain of n links allocates on the order of n² values inside one
/// native call, where the memory limit, checked between statements, never looks — 200 000 links took a
/// test host to 11 GB. <c>Function.prototype.bind</c> is replaced by one that refuses a chain deeper than
/// the recursion limit, more binds of a Proxy than that, and more than <see cref="MaxBoundArguments"/>
/// bound arguments, so such a call holds at most a few megabytes. Everything else bind does is Jint's.
/// </summary>
internal static class ScriptBindGuard
{
    public const int MaxBoundArguments = 64;

    public static void Install(Engine engine, int maxLinks)
    {
        var prototype = (ObjectInstance)engine.Intrinsics.Function.Get("prototype");
        var bind = prototype.Get("bind");

        // Taken before the script runs, which may replace the global.
        var rangeError = (ErrorConstructor)engine.Global.Get("RangeError");

        JavaScriptException RangeError(string message) => new(rangeError, message);
        var call = prototype.Get("call");
        var apply = prototype.Get("apply");
        var proxyBinds = 0;

        bool Forwards(JsValue target) => ReferenceEquals(target, call) || ReferenceEquals(target, apply);

        int Links(JsValue function)
        {
            var links = 0;
            while (function is BindFunction bound && links <= maxLinks)
            {
                links++;
                function = Forwards(bound.BoundTargetFunction) ? bound.BoundThis : bound.BoundTargetFunction;
            }

            // A Proxy hides what it forwards to: binding one is counted for the whole run instead.
            if (function is ObjectInstance and not Function && function.IsCallable() && ++proxyBinds > maxLinks)
            {
                throw RangeError($"More than {maxLinks} binds of a Proxy.");
            }

            return links;
        }

        var guarded = new ClrFunction(engine, "bind", (thisObject, arguments) =>
        {
            if (arguments.Length - 1 > MaxBoundArguments)
            {
                throw RangeError($"More than {MaxBoundArguments} bound arguments.");
            }

            if (Links(thisObject) >= maxLinks || (Forwards(thisObject) && Links(arguments.At(0)) >= maxLinks))
            {
                throw RangeError($"Bound functions chained deeper than {maxLinks}.");
            }

            return engine.Call(bind, thisObject, arguments);
        }, 1, PropertyFlag.Configurable);
        prototype.DefineOwnProperty("bind", new PropertyDescriptor(guarded, PropertyFlag.Writable | PropertyFlag.Configurable));
    }
}
