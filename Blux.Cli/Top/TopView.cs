using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Blux.Cli.Top;

/// <summary>One frame of <c>bluxq top</c>: health, throughput and queue, running and newest tasks, audit head and checkpoint.</summary>
internal static class TopView
{
    public const int NewestShown = 15;

    public static IRenderable Render(TopSnapshot snapshot, string addr)
    {
        var header = new Markup(
            $"[bold]bluxq top[/]  {Markup.Escape(addr)}  health {Colored(snapshot.Health)}  version {Markup.Escape(snapshot.Version ?? "?")}  " +
            $"doctrine v{snapshot.DoctrineVersion?.ToString(CultureInfo.InvariantCulture) ?? "?"}  up {Uptime(snapshot.UptimeSeconds)}  [grey]{snapshot.At.UtcDateTime:HH:mm:ss}Z  q quits[/]");

        var modules = new Table().Border(TableBorder.Rounded).Title("modules").AddColumn("module").AddColumn("status");
        foreach (var (name, status) in snapshot.Modules.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            modules.AddRow(new Text(name), new Markup(Colored(status)));
        }

        var load = new Table().Border(TableBorder.Rounded).Title("load").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        load.AddRow("tasks/s (10 s)", snapshot.TasksPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
        load.AddRow("queue depth", Number(snapshot.QueueSize));
        load.AddRow("running", Number(snapshot.ActiveTasks));

        var audit = new Table().Border(TableBorder.Rounded).Title("audit").AddColumn("").AddColumn("");
        audit.HideHeaders();
        audit.AddRow("head", snapshot.AuditHeadSeq is { } seq ? $"seq {seq} {Short(snapshot.AuditHeadHash)}" : "-");
        audit.AddRow("checkpoint", Markup.Escape(snapshot.LastCheckpoint ?? "none yet"));

        var tasks = new Table().Border(TableBorder.Rounded).Title("newest tasks")
            .AddColumn("task_id").AddColumn("type").AddColumn("status").AddColumn("identity").AddColumn("created");
        foreach (var task in snapshot.Newest.OrderBy(t => t.Status == "running" ? 0 : 1).Take(NewestShown))
        {
            tasks.AddRow(
                new Text(task.TaskId),
                new Text(task.Type),
                new Markup(Colored(task.Status)),
                new Text(task.Identity ?? "-"),
                new Text(task.CreatedAt?.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "-"));
        }

        var rows = new List<IRenderable> { header, new Columns(modules, load, audit), tasks };
        if (snapshot.Problem is { } problem)
        {
            rows.Add(new Markup($"[yellow]{Markup.Escape(problem)}[/]"));
        }

        return new Rows(rows);
    }

    private static string Colored(string status) => status switch
    {
        "healthy" or "completed" => $"[green]{status}[/]",
        "degraded" or "awaiting_approval" or "cancelled" => $"[yellow]{status}[/]",
        "unhealthy" or "failed" or "rejected" or "timed_out" => $"[red]{status}[/]",
        "running" or "queued" or "accepted" => $"[blue]{status}[/]",
        _ => Markup.Escape(status),
    };

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Short(string? hash) => hash is { Length: > 19 } ? Markup.Escape(hash[..19]) + "…" : Markup.Escape(hash ?? "-");

    private static string Uptime(long? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s).ToString(s >= 86400 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture) : "?";
}
