namespace Blux.Modules.Lite.Routes;

internal sealed class RouteRegistry
{
    private readonly Dictionary<string, ITaskRoute> _byType;

    public RouteRegistry(IEnumerable<ITaskRoute> routes)
    {
        Routes = routes.OrderBy(r => r.Name, StringComparer.Ordinal).ToArray();
        _byType = Routes.SelectMany(r => r.TaskTypes.Select(t => (Type: t, Route: r))).ToDictionary(p => p.Type, p => p.Route, StringComparer.Ordinal);
        KnownTypes = _byType.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<ITaskRoute> Routes { get; }

    public IReadOnlyList<string> KnownTypes { get; }

    public bool TryGet(string taskType, out ITaskRoute route) => _byType.TryGetValue(taskType, out route!);
}
