using System.CommandLine;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.Cli.Crypto;
using Blux.Cli.Output;

namespace Blux.Cli.Commands;

/// <summary><c>bluxq task submit|get|list|watch|cancel|approve|reject</c>.</summary>
internal static class TaskCommands
{
    public static Command Build(CliEnvironment environment)
    {
        return CommandFactory.Create("task", "Submit, inspect, watch, cancel and review tasks.",
            "bluxq task submit --file task.json --wait 10",
            "bluxq task watch task_abc123").With(
            Submit(environment),
            Get(environment),
            List(environment),
            Watch(environment),
            OnTask(environment, "cancel", "Cancel a held, queued or running task (the submitter, or an approver).", "The task", CommonOptions.AuditReason,
                "bluxq task cancel task_abc123 --reason \"submitted twice\""),
            OnTask(environment, "approve", "Approve a task held for approval (never your own).", HeldTask, ReviewReason,
                "bluxq task approve task_abc123 --reason \"checked the target\""),
            OnTask(environment, "reject", "Reject a task held for approval (never your own).", HeldTask, ReviewReason,
                "bluxq task reject task_abc123 --reason \"wrong target\""));
    }

    private const string HeldTask = "The task held for approval";
    private const string ReviewReason = "Why (kept in the audit record and on the task)";

    private static Command Submit(CliEnvironment environment)
    {
        var file = new Option<FileInfo?>("--file", "-f") { Description = "The task request (JSON, as POST /v1/tasks takes it)" };
        var type = new Option<string?>("--type") { Description = "Task type, when not from a file (echo, script, data_analysis, webhook)" };
        var environmentName = new Option<string?>("--env") { Description = "context.environment for a task from flags", DefaultValueFactory = _ => "development" };
        var sensitivity = new Option<string?>("--sensitivity") { Description = "context.sensitivity for a task from flags", DefaultValueFactory = _ => "low" };
        var payload = new Option<string?>("--payload") { Description = "payload as a JSON object, for a task from flags" };
        var wait = CommonOptions.Wait();
        wait.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0 or > 60)
            {
                result.AddError("--wait is 0 to 60 seconds.");
            }
        });
        var taskId = new Option<string?>("--task-id") { Description = "The task id: the idempotency key (sending the same again returns the same task)" };
        var sign = new Option<bool>("--sign") { Description = "Sign with the profile's P-521 key (JCS + ES512, kid and timestamp set; a task id is made if none is given)" };

        return CommandFactory.Create("submit", "Submit a task. Exit 0 accepted or completed, 1 failed, 3 refused by doctrine, 5 held for approval.",
            "bluxq task submit --file task.json --wait 10",
            "bluxq task submit --type echo --payload '{\"hello\":\"world\"}' --wait 5 -o json",
            "bluxq task submit --file critical.json --task-id task_2026_11_30_a --sign")
            .With(file, type, environmentName, sensitivity, payload, wait, taskId, sign)
            .Run(environment, async (run, cancellationToken) =>
        {
            var request = run.Value(file) is { } taskFile
                ? RequestParts.ReadObject(taskFile, "task request")
                : FromFlags(run.Value(type), run.Value(environmentName), run.Value(sensitivity), run.Value(payload));
            if (run.Value(taskId) is { } id)
            {
                request["task_id"] = id;
            }

            if (run.Value(sign))
            {
                if (request["task_id"] is null)
                {
                    request["task_id"] = "task_" + Guid.NewGuid().ToString("N");
                }

                var keyPath = run.Settings.SigningKey ?? throw new CliException("No signing key in this profile: run 'bluxq keys generate' (or config set signing_key and signing_kid).", ExitCodes.Usage);
                var kid = run.Settings.SigningKid ?? throw new CliException("The profile has a signing_key but no signing_kid.", ExitCodes.Usage);
                using var key = SigningKey.Load(keyPath, kid);
                request = key.Sign(request, run.Environment.Time.GetUtcNow());
            }

            var path = run.Value(wait) is { } seconds ? $"/v1/tasks?wait={seconds}" : "/v1/tasks";
            var (status, body) = await run.Client.SendJsonAsync(HttpMethod.Post, path, request, cancellationToken);
            var taskStatus = TaskView.Status(body);
            TaskView.Show(run.Output, body);
            if (status == HttpStatusCode.Accepted && taskStatus == "awaiting_approval")
            {
                run.Output.Message($"Task {Renderer.Text(body?["task_id"])} is held for approval: another identity approves it with 'bluxq task approve {Renderer.Text(body?["task_id"])}'.");
            }

            return TaskView.ExitCode(taskStatus);
        });
    }

    private static Command Get(CliEnvironment environment)
    {
        var id = CommonOptions.TaskId();
        var wait = CommonOptions.Wait();
        return CommandFactory.Create("get", "Show a task: status, route, reflection, result or error. Exit code from its status.",
            "bluxq task get task_abc123", "bluxq task get task_abc123 -o json | jq .result")
            .With(id, wait)
            .Run(environment, async (run, cancellationToken) =>
        {
            var body = await run.Client.GetJsonAsync($"/v1/tasks/{Uri.EscapeDataString(run.Value(id))}" + RequestParts.Query(("wait", run.Value(wait))), cancellationToken);
            TaskView.Show(run.Output, body);
            return TaskView.ExitCode(TaskView.Status(body));
        });
    }

    private static Command List(CliEnvironment environment)
    {
        var status = new Option<string?>("--status") { Description = "Only tasks in this status" };
        var type = new Option<string?>("--type") { Description = "Only tasks of this type" };
        var pageSize = CommonOptions.PageSize("Tasks per page (1-200, default 50)");
        var pageToken = CommonOptions.PageToken();
        var all = new Option<bool>("--all") { Description = "Follow next_page_token to the end" };
        return CommandFactory.Create("list", "The tasks you may see, newest first (a page; --all for every one).",
            "bluxq task list --status awaiting_approval",
            "bluxq task list --type script --page-size 20 -o jsonl")
            .With(status, type, pageSize, pageToken, all)
            .Run(environment, async (run, cancellationToken) =>
        {
            var tasks = new List<JsonNode?>();
            var token = run.Value(pageToken);
            string? next;
            do
            {
                var query = RequestParts.Query(("status", run.Value(status)), ("type", run.Value(type)), ("page_size", run.Value(pageSize)), ("page_token", token));
                var body = await run.Client.GetJsonAsync("/v1/tasks" + query, cancellationToken);
                tasks.AddRange((body?["tasks"] as JsonArray ?? []).Select(t => t?.DeepClone()));
                next = Renderer.Text(body?["next_page_token"]);
                token = next;
            }
            while (run.Value(all) && next is not null);

            run.Output.List(new JsonObject { ["tasks"] = new JsonArray([.. tasks]), ["next_page_token"] = next }, tasks, ListColumns, next);
            return ExitCodes.Ok;
        });
    }

    private static readonly IReadOnlyList<Column> ListColumns =
        [.. Column.Fields("task_id", "type", "status", "identity", "created_at"), Column.Field("error", "error_code")];

    private static Command Watch(CliEnvironment environment)
    {
        var id = CommonOptions.TaskId();
        var interval = new Option<double>("--interval") { Description = "Seconds between looks (0.1-60)", DefaultValueFactory = _ => 0.5 };
        var timeout = new Option<int?>("--timeout") { Description = "Give up after SECONDS (exit 1); default: until the task ends" };
        return CommandFactory.Create("watch", "The task's events as they happen, with the time between them, until it ends. Exit code from its outcome.",
            "bluxq task watch task_abc123",
            "bluxq task watch task_abc123 -o jsonl --timeout 120")
            .With(id, interval, timeout)
            .Run(environment, async (run, cancellationToken) =>
        {
            if (run.Value(interval) is < 0.1 or > 60)
            {
                throw new CliException("--interval is 0.1 to 60 seconds.", ExitCodes.Usage);
            }

            var path = $"/v1/tasks/{Uri.EscapeDataString(run.Value(id))}";
            var time = run.Environment.Time;
            var deadline = run.Value(timeout) is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : DateTimeOffset.MaxValue;
            var shown = 0;
            var events = new JsonArray();
            while (true)
            {
                // The task first: once it is final, its events are complete and one more read shows them all.
                var taskBody = await run.Client.GetJsonAsync(path, cancellationToken);
                var status = TaskView.Status(taskBody);
                var timeline = (await run.Client.GetJsonAsync(path + "/events", cancellationToken))?["events"] as JsonArray ?? [];
                for (; shown < timeline.Count; shown++)
                {
                    var entry = timeline[shown];
                    events.Add(entry?.DeepClone());
                    ShowEvent(run.Output, entry);
                }

                if (status is not null && TaskView.Final.Contains(status))
                {
                    if (run.Output.Format == Config.OutputFormat.Json)
                    {
                        run.Output.Json(new JsonObject { ["task_id"] = run.Value(id), ["status"] = status, ["events"] = events });
                    }
                    else
                    {
                        run.Output.Message($"{run.Value(id)} ended {status}.");
                    }

                    return TaskView.ExitCode(status);
                }

                if (time.GetUtcNow() >= deadline)
                {
                    run.Output.Message($"{run.Value(id)} is still {status} after {run.Value(timeout)} s.");
                    return status == "awaiting_approval" ? ExitCodes.HeldForApproval : ExitCodes.Error;
                }

                await Task.Delay(TimeSpan.FromSeconds(run.Value(interval)), time, cancellationToken);
            }
        });
    }

    private static void ShowEvent(Renderer output, JsonNode? entry)
    {
        var evt = entry?["event"];
        switch (output.Format)
        {
            case Config.OutputFormat.Jsonl:
                output.Items([entry]);
                break;
            case Config.OutputFormat.Table:
                var gap = entry?["since_previous_ms"]?.GetValue<double>() ?? 0;
                output.Out.WriteLine($"{Renderer.Text(evt?["timestamp"])}  +{gap,6:0} ms  {Renderer.Text(evt?["event_type"]),-17}  {Renderer.Text(evt?["source"]),-10}  {TaskView.Summary(evt)}");
                break;
        }
    }

    /// <summary>An action on one task (<c>POST /v1/tasks/{id}/{action}</c>) with an optional reason; the task as it now is.</summary>
    private static Command OnTask(CliEnvironment environment, string action, string description, string idDescription, string reasonDescription, string example)
    {
        var id = CommonOptions.TaskId(idDescription);
        var reason = CommonOptions.Reason(reasonDescription);
        return CommandFactory.Create(action, description, example)
            .With(id, reason)
            .Run(environment, async (run, cancellationToken) =>
        {
            var body = run.Value(reason) is { } why ? new JsonObject { ["reason"] = why } : new JsonObject();
            var (status, task) = await run.Client.SendJsonAsync(HttpMethod.Post, $"/v1/tasks/{Uri.EscapeDataString(run.Value(id))}/{action}", body, cancellationToken);
            TaskView.Show(run.Output, task);
            if (status == HttpStatusCode.Accepted)
            {
                // Only a cancel answers 202: the task was running and has been asked to stop.
                run.Output.Message("The task is still running; it was asked to stop.");
            }

            return ExitCodes.Ok;
        });
    }

    private static JsonObject FromFlags(string? type, string? environmentName, string? sensitivity, string? payload)
    {
        if (type is null)
        {
            throw new CliException("Give the task: --file task.json, or --type TYPE [--payload JSON].", ExitCodes.Usage);
        }

        JsonNode? payloadNode = null;
        if (payload is not null)
        {
            try
            {
                payloadNode = JsonNode.Parse(payload) as JsonObject ?? throw new CliException("--payload is not a JSON object.", ExitCodes.Usage);
            }
            catch (JsonException exception)
            {
                throw new CliException($"--payload is not valid JSON: {exception.Message}", ExitCodes.Usage);
            }
        }

        return new JsonObject
        {
            ["type"] = type,
            ["context"] = new JsonObject { ["environment"] = environmentName, ["sensitivity"] = sensitivity },
            ["payload"] = payloadNode ?? new JsonObject(),
        };
    }
}
