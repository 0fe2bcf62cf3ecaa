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
    /// <summary>A task file larger than Blux's default body limit is refused before it is sent.</summary>
    public const long MaxTaskFileBytes = 1024 * 1024;

    public static Command Build(CliEnvironment environment)
    {
        var task = CommandFactory.Create("task", "Submit, inspect, watch, cancel and review tasks.",
            "bluxq task submit --file task.json --wait 10",
            "bluxq task watch task_abc123");
        task.Subcommands.Add(Submit(environment));
        task.Subcommands.Add(Get(environment));
        task.Subcommands.Add(List(environment));
        task.Subcommands.Add(Watch(environment));
        task.Subcommands.Add(Cancel(environment));
        task.Subcommands.Add(Review(environment, "approve", "Approve a task held for approval (never your own).", "bluxq task approve task_abc123 --reason \"checked the target\""));
        task.Subcommands.Add(Review(environment, "reject", "Reject a task held for approval (never your own).", "bluxq task reject task_abc123 --reason \"wrong target\""));
        return task;
    }

    private static Command Submit(CliEnvironment environment)
    {
        var file = new Option<FileInfo?>("--file", "-f") { Description = "The task request (JSON, as POST /v1/tasks takes it)" };
        var type = new Option<string?>("--type") { Description = "Task type, when not from a file (echo, script, data_analysis, webhook)" };
        var environmentName = new Option<string?>("--env") { Description = "context.environment for a task from flags", DefaultValueFactory = _ => "development" };
        var sensitivity = new Option<string?>("--sensitivity") { Description = "context.sensitivity for a task from flags", DefaultValueFactory = _ => "low" };
        var payload = new Option<string?>("--payload") { Description = "payload as a JSON object, for a task from flags" };
        var wait = new Option<int?>("--wait") { Description = "Wait up to SECONDS (0-60) for the task to end" };
        wait.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0 or > 60)
            {
                result.AddError("--wait is 0 to 60 seconds.");
            }
        });
        var taskId = new Option<string?>("--task-id") { Description = "The task id: the idempotency key (sending the same again returns the same task)" };
        var sign = new Option<bool>("--sign") { Description = "Sign with the profile's P-521 key (JCS + ES512, kid and timestamp set; a task id is made if none is given)" };

        var submit = CommandFactory.Create("submit", "Submit a task. Exit 0 accepted or completed, 1 failed, 3 refused by doctrine, 5 held for approval.",
            "bluxq task submit --file task.json --wait 10",
            "bluxq task submit --type echo --payload '{\"hello\":\"world\"}' --wait 5 -o json",
            "bluxq task submit --file critical.json --task-id task_2026_11_30_a --sign");
        foreach (var option in new Option[] { file, type, environmentName, sensitivity, payload, wait, taskId, sign })
        {
            submit.Options.Add(option);
        }

        submit.Run(environment, async (run, cancellationToken) =>
        {
            var request = run.Value(file) is { } taskFile
                ? ReadObject(taskFile, "task request")
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
        return submit;
    }

    private static Command Get(CliEnvironment environment)
    {
        var id = new Argument<string>("task-id") { Description = "The task" };
        var wait = new Option<int?>("--wait") { Description = "Wait up to SECONDS (0-60) for the task to end" };
        var get = CommandFactory.Create("get", "Show a task: status, route, reflection, result or error. Exit code from its status.",
            "bluxq task get task_abc123", "bluxq task get task_abc123 -o json | jq .result");
        get.Arguments.Add(id);
        get.Options.Add(wait);
        get.Run(environment, async (run, cancellationToken) =>
        {
            var query = run.Value(wait) is { } seconds ? $"?wait={seconds}" : string.Empty;
            var body = await run.Client.GetJsonAsync($"/v1/tasks/{Uri.EscapeDataString(run.Value(id))}{query}", cancellationToken);
            TaskView.Show(run.Output, body);
            return TaskView.ExitCode(TaskView.Status(body));
        });
        return get;
    }

    private static Command List(CliEnvironment environment)
    {
        var status = new Option<string?>("--status") { Description = "Only tasks in this status" };
        var type = new Option<string?>("--type") { Description = "Only tasks of this type" };
        var pageSize = new Option<int?>("--page-size") { Description = "Tasks per page (1-200, default 50)" };
        var pageToken = new Option<string?>("--page-token") { Description = "Continue from a previous page" };
        var all = new Option<bool>("--all") { Description = "Follow next_page_token to the end" };
        var list = CommandFactory.Create("list", "The tasks you may see, newest first (a page; --all for every one).",
            "bluxq task list --status awaiting_approval",
            "bluxq task list --type script --page-size 20 -o jsonl");
        foreach (var option in new Option[] { status, type, pageSize, pageToken, all })
        {
            list.Options.Add(option);
        }

        list.Run(environment, async (run, cancellationToken) =>
        {
            var tasks = new List<JsonNode?>();
            var token = run.Value(pageToken);
            string? next;
            do
            {
                var query = Query(("status", run.Value(status)), ("type", run.Value(type)), ("page_size", run.Value(pageSize)?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("page_token", token));
                var body = await run.Client.GetJsonAsync("/v1/tasks" + query, cancellationToken);
                tasks.AddRange((body?["tasks"] as JsonArray ?? []).Select(t => t?.DeepClone()));
                next = Renderer.Text(body?["next_page_token"]);
                token = next;
            }
            while (run.Value(all) && next is not null);

            if (run.Output.IsTable)
            {
                run.Output.Table(["task_id", "type", "status", "identity", "created_at", "error"],
                    tasks.Select(t => (IReadOnlyList<string?>)[Renderer.Text(t?["task_id"]), Renderer.Text(t?["type"]), Renderer.Text(t?["status"]), Renderer.Text(t?["identity"]), Renderer.Text(t?["created_at"]), Renderer.Text(t?["error_code"])]));
                if (next is not null)
                {
                    run.Output.Message($"More: --page-token {next}");
                }
            }
            else if (run.Output.Format == Config.OutputFormat.Jsonl)
            {
                run.Output.Items(tasks);
            }
            else
            {
                run.Output.Json(new JsonObject { ["tasks"] = new JsonArray([.. tasks]), ["next_page_token"] = next });
            }

            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Watch(CliEnvironment environment)
    {
        var id = new Argument<string>("task-id") { Description = "The task" };
        var interval = new Option<double>("--interval") { Description = "Seconds between looks (0.1-60)", DefaultValueFactory = _ => 0.5 };
        var timeout = new Option<int?>("--timeout") { Description = "Give up after SECONDS (exit 1); default: until the task ends" };
        var watch = CommandFactory.Create("watch", "The task's events as they happen, with the time between them, until it ends. Exit code from its outcome.",
            "bluxq task watch task_abc123",
            "bluxq task watch task_abc123 -o jsonl --timeout 120");
        watch.Arguments.Add(id);
        watch.Options.Add(interval);
        watch.Options.Add(timeout);
        watch.Run(environment, async (run, cancellationToken) =>
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
        return watch;
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

    private static Command Cancel(CliEnvironment environment)
    {
        var id = new Argument<string>("task-id") { Description = "The task" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit record)" };
        var cancel = CommandFactory.Create("cancel", "Cancel a held, queued or running task (the submitter, or an approver).",
            "bluxq task cancel task_abc123 --reason \"submitted twice\"");
        cancel.Arguments.Add(id);
        cancel.Options.Add(reason);
        cancel.Run(environment, async (run, cancellationToken) =>
        {
            var body = run.Value(reason) is { } why ? new JsonObject { ["reason"] = why } : new JsonObject();
            var (status, task) = await run.Client.SendJsonAsync(HttpMethod.Post, $"/v1/tasks/{Uri.EscapeDataString(run.Value(id))}/cancel", body, cancellationToken);
            TaskView.Show(run.Output, task);
            if (status == HttpStatusCode.Accepted)
            {
                run.Output.Message("The task is still running; it was asked to stop.");
            }

            return ExitCodes.Ok;
        });
        return cancel;
    }

    private static Command Review(CliEnvironment environment, string decision, string description, string example)
    {
        var id = new Argument<string>("task-id") { Description = "The task held for approval" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit record and on the task)" };
        var review = CommandFactory.Create(decision, description, example);
        review.Arguments.Add(id);
        review.Options.Add(reason);
        review.Run(environment, async (run, cancellationToken) =>
        {
            var body = run.Value(reason) is { } why ? new JsonObject { ["reason"] = why } : new JsonObject();
            var (_, task) = await run.Client.SendJsonAsync(HttpMethod.Post, $"/v1/tasks/{Uri.EscapeDataString(run.Value(id))}/{decision}", body, cancellationToken);
            TaskView.Show(run.Output, task);
            return ExitCodes.Ok;
        });
        return review;
    }

    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? string.Empty : "?" + string.Join('&', present);
    }

    /// <summary>A JSON object from a file, read strictly and with a size bound.</summary>
    public static JsonObject ReadObject(FileInfo file, string what)
    {
        if (!file.Exists)
        {
            throw new CliException($"The {what} file {file.FullName} does not exist.", ExitCodes.Usage);
        }

        if (file.Length > MaxTaskFileBytes)
        {
            throw new CliException($"The {what} file is {file.Length} bytes; Blux takes at most {MaxTaskFileBytes}.", ExitCodes.Usage);
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(file.FullName), documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw new CliException($"The {what} in {file.FullName} is not a JSON object.", ExitCodes.Usage);
        }
        catch (JsonException exception)
        {
            throw new CliException($"The {what} in {file.FullName} is not valid JSON: {exception.Message}", ExitCodes.Usage);
        }
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
