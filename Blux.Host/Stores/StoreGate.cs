using System.Text.Json.Nodes;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Stores;
using Mediator;
using Microsoft.Data.Sqlite;

namespace Blux.Host.Stores;

/// <summary>
/// Stands between the data directory and the modules. Before any module starts it compares every
/// store with what the manifest expects and refuses to start on one that is missing, empty, foreign,
/// malformed or behind its last clean stop, unless the operator accepted that store for this start
/// with <c>--accept-store-reset</c>; a brand-new data directory gets new stores. Once the modules
/// are up it audits what was accepted, and after they have all stopped it records each store's mark.
/// See ADR 0015.
/// </summary>
internal sealed class StoreGate(
    IEnumerable<IModuleStore> stores,
    StoreLedger ledger,
    StoreCheckOptions options,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<StoreGate> logger) : IHostedLifecycleService
{
    private readonly IReadOnlyList<IModuleStore> _stores = stores.ToList();
    private readonly List<AuditEntry> _toRecord = [];
    private StoreManifest? _manifest;
    private bool _started;

    private string ManifestPath => Path.Combine(options.DataPath, StoreManifest.FileName);

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Check();
        return Task.CompletedTask;
    }

    /// <summary>Runs after every module has started: the audit chain is there to record what was accepted.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_toRecord.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            foreach (var entry in _toRecord)
            {
                var receipt = await sender.Send(new AppendAudit(entry), cancellationToken);
                logger.LogWarning("Recorded {Operation} for {StoreFile} (audit {AuditId})", entry.Operation, entry.Data?["file"]?.GetValue<string>(), receipt.AuditId);
            }

            _toRecord.Clear();
            Write(_manifest!, atStop: false);
        }

        _started = true;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after every module has stopped: what the stores hold now is what the next start expects.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_started && _manifest is not null)
        {
            RecordCleanStop(_manifest);
        }

        return Task.CompletedTask;
    }

    private void Check()
    {
        var modules = _stores.Select(s => s.Module).ToList();
        var unknown = options.AcceptReset.Where(m => !modules.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{StoreCheckOptions.AcceptResetSwitch} names {string.Join(", ", unknown)}, which is not a store; the stores are {string.Join(", ", modules)}.");
        }

        var now = clock.GetUtcNow();
        var (file, fileProblem) = ManifestFile.Read(ManifestPath);
        var manifestThere = file is not null || fileProblem is not null;
        var inspecting = clock.GetTimestamp();
        var inspections = _stores.ToDictionary(s => s.Module, s => StoreInspector.Inspect(s, options.QuickCheck), StringComparer.Ordinal);
        if (clock.GetElapsedTime(inspecting) is { TotalSeconds: > 1 } took)
        {
            // quick_check reads every page: on a large data directory, this is where a slow start goes.
            logger.LogInformation("Checked the stores in {Seconds:F1} s (Blux:Stores:QuickCheckOnStart is {QuickCheck})", took.TotalSeconds, options.QuickCheck);
        }

        var fresh = !manifestThere && inspections.Values.All(i => i.IsAbsent);
        var installation = file?.InstallationId ?? Consensus(inspections) ?? BluxId.New(BluxId.Installation, clock);
        // The newest copy wins; on a tie a store's copy, the file being the easiest one to edit.
        var reference = inspections.Values.Select(i => i.Identity?.ManifestCopy)
            .Append(file)
            .Where(m => m is not null && m.InstallationId == installation)
            .MaxBy(m => m!.Generation);
        var context = new CheckContext(installation, reference, fresh, inspections);

        var plans = _stores.Select(store => Evaluate(store, context)).ToList();
        var refused = plans.Where(p => p.Problem is not null && (!p.Acceptable || !options.AcceptReset.Contains(p.Store.Module))).ToList();
        if (refused.Count > 0)
        {
            throw new StoreStartupException(refused.Select(p => new StoreProblem(p.Store.Module, p.Store.FilePath, p.Problem!, p.Acceptable)).ToList());
        }

        foreach (var module in options.AcceptReset.Where(m => plans.Single(p => p.Store.Module == m).Problem is null))
        {
            logger.LogWarning("{Switch} {StoreModule}: that store is as expected; there is nothing to accept", StoreCheckOptions.AcceptResetSwitch, module);
        }

        if (reference?.State == StoreManifest.Backup)
        {
            logger.LogInformation("The stores are a backup taken at {BackedUpAt}; they were checked against what the backup held", BluxTime.ToText(reference.WrittenAt));
        }

        if (reference?.State == StoreManifest.Running)
        {
            logger.LogWarning(
                "Blux did not stop cleanly after its start at {StartedAt}; the stores were checked against the last clean stop ({StoppedAt})",
                BluxTime.ToText(reference.WrittenAt), reference.StoppedAt is { } stoppedAt ? BluxTime.ToText(stoppedAt) : "none yet");
        }

        var entries = new SortedDictionary<string, ManifestStore>(StringComparer.Ordinal);
        if (reference is not null)
        {
            // A store of a module this build does not load stays recorded for a build that does.
            foreach (var (module, entry) in reference.Stores.Where(e => !modules.Contains(e.Key)))
            {
                entries[module] = entry;
            }
        }

        foreach (var plan in plans)
        {
            var entry = Apply(plan, installation, now);
            entries[plan.Store.Module] = entry;
            ledger.Set(plan.Store.Module, entry.Since);
        }

        _manifest = new StoreManifest
        {
            InstallationId = installation,
            Generation = (reference?.Generation ?? 0) + 1,
            State = StoreManifest.Running,
            WrittenAt = now,
            StoppedAt = reference?.StoppedAt,
            Stores = entries,
        };

        if (!fresh && file is null)
        {
            var found = fileProblem is null ? "it is missing" : $"it could not be used: {fileProblem}";
            logger.LogWarning("{ManifestFile}: {Found}; rebuilt from {Source}", ManifestPath, found, reference is null ? "the stores' identities" : $"the copy the stores hold (generation {reference.Generation})");
            _toRecord.Add(RebuiltEntry(found, reference, entries));
        }

        if (fresh)
        {
            logger.LogInformation("Created the stores of a new installation {InstallationId} in {DataPath}", installation, options.DataPath);
        }

        if (_toRecord.Count == 0)
        {
            Write(_manifest, atStop: false);
        }
    }

    /// <summary>What to do with one store, and the problem it has when it is not what Blux expects.</summary>
    private static StorePlan Evaluate(IModuleStore store, CheckContext context)
    {
        var inspection = context.Inspections[store.Module];
        var entry = context.Reference?.Stores.GetValueOrDefault(store.Module);
        var plan = new StorePlan(store, inspection, entry, StoreAction.Keep);
        if (context.Fresh)
        {
            return plan with { Action = StoreAction.Create };
        }

        var expected = entry is null
            ? context.Reference is null ? $"; blux-manifest.json is missing too, and {Present(context, store)} are there" : string.Empty
            : $"; this data directory's {store.Module} store is {entry.StoreId}, recorded here since {BluxTime.ToText(entry.Since)}";
        switch (inspection.State)
        {
            case StoreState.Unreadable:
                return plan with { Problem = inspection.Detail, Acceptable = false };
            case StoreState.Missing or StoreState.Empty when entry is null && context.Reference is not null:
                return plan with { Action = StoreAction.Create };
            case StoreState.Missing or StoreState.Empty or StoreState.NotSqlite or StoreState.Truncated or StoreState.Malformed or StoreState.NoTables or StoreState.Foreign:
                return plan with { Action = StoreAction.Replace, Problem = inspection.Detail + expected };
            case StoreState.EarlierBlux:
                // Kept without a word only on the first start after an upgrade: no manifest, and no store with an identity yet.
                return entry is null && context.Inspections.Values.All(i => i.State != StoreState.Blux)
                    ? plan with { Action = StoreAction.Adopt }
                    : plan with { Action = StoreAction.Adopt, Problem = inspection.Detail + expected };
        }

        var identity = inspection.Identity!;
        if (identity.InstallationId != context.Installation)
        {
            return plan with
            {
                Action = StoreAction.Adopt,
                Problem = $"it is the {store.Module} store of another Blux installation ({identity.InstallationId}, store {identity.StoreId}); this data directory is installation {context.Installation}",
            };
        }

        if (entry is null)
        {
            return plan;
        }

        if (identity.StoreId != entry.StoreId)
        {
            return plan with { Action = StoreAction.Adopt, Problem = $"it is {store.Module} store {identity.StoreId}, created {BluxTime.ToText(identity.CreatedAt)}, not the one this data directory had{expected}" };
        }

        if (entry.Mark is null)
        {
            return plan;
        }

        try
        {
            using var connection = StoreIdentity.Open(store.FilePath, create: false);
            return store.FindMissing(connection, entry.Mark) is { } missing
                ? plan with { Action = StoreAction.Adopt, Problem = missing }
                : plan;
        }
        catch (SqliteException exception)
        {
            return plan with { Action = StoreAction.Replace, Problem = $"its records could not be read ({exception.Message.TrimEnd('.')})" };
        }
    }

    private static string Present(CheckContext context, IModuleStore store) =>
        string.Join(", ", context.Inspections.Where(i => i.Key != store.Module && !i.Value.IsAbsent).Select(i => i.Key + ".db"));

    /// <summary>Carries the plan out; answers the store's manifest entry.</summary>
    private ManifestStore Apply(StorePlan plan, string installation, DateTimeOffset now)
    {
        var store = plan.Store;
        try
        {
            string? movedTo = null;
            StoreIdentity identity;
            switch (plan.Action)
            {
                case StoreAction.Keep:
                    var kept = plan.Inspection.Identity!;
                    return new ManifestStore
                    {
                        File = Path.GetFileName(store.FilePath),
                        StoreId = kept.StoreId,
                        Since = plan.Expected?.Since ?? kept.CreatedAt,
                        Mark = plan.Expected?.Mark,
                    };
                case StoreAction.Create or StoreAction.Replace:
                    // A fresh clone has no ./data yet.
                    Directory.CreateDirectory(Path.GetDirectoryName(store.FilePath)!);
                    movedTo = plan.Problem is null ? RemoveLeftovers(store.FilePath) : SetAside(store.FilePath, now);
                    identity = new StoreIdentity(store.Module, BluxId.New(BluxId.Store, clock), installation, now, null);
                    using (var connection = StoreIdentity.Open(store.FilePath, create: true))
                    {
                        StoreIdentity.Execute(connection, "PRAGMA journal_mode=WAL;");
                        identity.Stamp(connection);
                    }

                    break;
                default:
                    var found = plan.Inspection.Identity;
                    identity = new StoreIdentity(store.Module, found?.StoreId ?? BluxId.New(BluxId.Store, clock), installation, found?.CreatedAt ?? now, null);
                    using (var connection = StoreIdentity.Open(store.FilePath, create: false))
                    {
                        identity.Stamp(connection);
                    }

                    if (plan.Problem is null)
                    {
                        logger.LogWarning("{StoreFile}: {Found}; it is kept as {StoreModule} store {StoreId}", store.FilePath, plan.Inspection.Detail, store.Module, identity.StoreId);
                    }

                    break;
            }

            if (plan.Problem is not null)
            {
                logger.LogWarning(
                    "{StoreFile}: {Found}; accepted with {Switch} {StoreModule}: {Action}",
                    store.FilePath, plan.Problem, StoreCheckOptions.AcceptResetSwitch, store.Module, Describe(plan.Action, movedTo));
                _toRecord.Add(ResetEntry(plan, identity.StoreId, movedTo));
            }

            return new ManifestStore { File = Path.GetFileName(store.FilePath), StoreId = identity.StoreId, Since = now };
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw StoreStartupException.Failed(store.Module, store.FilePath, exception);
        }
    }

    private static string Describe(StoreAction action, string? movedTo) => action == StoreAction.Adopt
        ? "kept as it is"
        : movedTo is null ? "a new store takes its place" : $"moved to {movedTo}; a new store takes its place";

    /// <summary>
    /// Moves what is left of a store that is not kept (the file, its journal files) beside it under a
    /// dated name, so that nothing of it is deleted nor replayed into the new store; null when nothing was there.
    /// </summary>
    private static string? SetAside(string path, DateTimeOffset now)
    {
        var target = $"{path}.rejected-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
        string? moved = null;
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, target + suffix, overwrite: false);
                moved = target;
            }
        }

        return moved;
    }

    /// <summary>
    /// Before a new store is made where none is: a zero-byte file, and a journal left beside a missing
    /// or empty store, which SQLite would otherwise replay into the new one.
    /// </summary>
    private static string? RemoveLeftovers(string path)
    {
        if (File.Exists(path) && new FileInfo(path).Length == 0)
        {
            File.Delete(path);
        }

        if (!File.Exists(path))
        {
            foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
            {
                File.Delete(path + suffix);
            }
        }

        return null;
    }

    /// <summary>The installation most stores say they belong to, when there is no manifest to say it.</summary>
    private static string? Consensus(IReadOnlyDictionary<string, StoreInspection> inspections) =>
        inspections.Values
            .Select(i => i.Identity?.InstallationId)
            .OfType<string>()
            .GroupBy(id => id, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault();

    /// <summary>Writes the manifest file, then its copy into every store. At start a failure stops the start; at a stop it is logged.</summary>
    private void Write(StoreManifest manifest, bool atStop)
    {
        var json = ManifestFile.Serialize(manifest);
        try
        {
            ManifestFile.Write(ManifestPath, manifest);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StoreStartupException([new StoreProblem("manifest", ManifestPath, exception.Message.TrimEnd('.'), Acceptable: false)], exception);
        }

        foreach (var store in _stores)
        {
            try
            {
                using var connection = StoreIdentity.Open(store.FilePath, create: false);
                StoreIdentity.WriteManifestCopy(connection, json);
                if (atStop)
                {
                    StoreIdentity.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
                }
            }
            catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
            {
                throw StoreStartupException.Failed(store.Module, store.FilePath, exception);
            }
        }
    }

    /// <summary>
    /// Each store's journal is folded into its file first, so that what the mark names is on disk
    /// before the manifest that names it.
    /// </summary>
    private void RecordCleanStop(StoreManifest running)
    {
        var now = clock.GetUtcNow();
        var entries = new SortedDictionary<string, ManifestStore>(running.Stores.ToDictionary(), StringComparer.Ordinal);
        foreach (var store in _stores)
        {
            try
            {
                using var connection = StoreIdentity.Open(store.FilePath, create: false);
                StoreIdentity.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
                entries[store.Module] = entries[store.Module] with { Mark = store.CaptureMark(connection) };
            }
            catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("{StoreFile}: what it holds could not be read at this stop ({Reason}); the next start checks it against the previous clean stop", store.FilePath, exception.Message);
            }
        }

        var stopped = running with { Generation = running.Generation + 1, State = StoreManifest.Stopped, WrittenAt = now, StoppedAt = now, Stores = entries };
        try
        {
            Write(stopped, atStop: true);
            _manifest = stopped;
        }
        catch (StoreStartupException exception)
        {
            logger.LogError("The stores' marks could not be recorded at this stop ({Reason}); the next start checks them against the previous clean stop", exception.Message);
        }
    }

    private static AuditEntry ResetEntry(StorePlan plan, string storeId, string? movedTo) => StoreEntry("store.reset", new JsonObject
    {
        ["module"] = plan.Store.Module,
        ["file"] = plan.Store.FilePath,
        ["found"] = plan.Problem,
        ["action"] = plan.Action == StoreAction.Adopt ? "kept_as_found" : "replaced_by_new_store",
        ["moved_to"] = movedTo,
        ["expected_store_id"] = plan.Expected?.StoreId,
        ["expected_mark"] = plan.Expected?.Mark?.DeepClone(),
        ["store_id"] = storeId,
        ["accepted_with"] = $"{StoreCheckOptions.AcceptResetSwitch} {plan.Store.Module}",
        ["os_user"] = Environment.UserName,
    });

    private AuditEntry RebuiltEntry(string found, StoreManifest? reference, IReadOnlyDictionary<string, ManifestStore> entries) => StoreEntry("store.manifest_rebuilt", new JsonObject
    {
        ["file"] = ManifestPath,
        ["found"] = found,
        ["rebuilt_from"] = reference is null ? "store_identities" : $"store_copy_generation_{reference.Generation}",
        ["stores"] = new JsonObject(entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value.StoreId))),
    });

    /// <summary>What the gate did to a store, recorded by the system in full once the audit trail is open.</summary>
    private static AuditEntry StoreEntry(string operation, JsonObject data) => new()
    {
        Service = BluxSources.Guard,
        Operation = operation,
        Identity = "system",
        Status = AuditStatuses.Success,
        AuditLevel = AuditLevel.Detailed,
        Data = data,
    };

    private sealed record CheckContext(string Installation, StoreManifest? Reference, bool Fresh, IReadOnlyDictionary<string, StoreInspection> Inspections);

    private enum StoreAction
    {
        /// <summary>The store is as expected.</summary>
        Keep,

        /// <summary>No store yet: a new one is made.</summary>
        Create,

        /// <summary>The store is kept as found and given this installation's identity.</summary>
        Adopt,

        /// <summary>What is there cannot be used: it is set aside and a new store is made.</summary>
        Replace,
    }

    private sealed record StorePlan(IModuleStore Store, StoreInspection Inspection, ManifestStore? Expected, StoreAction Action)
    {
        public string? Problem { get; init; }

        public bool Acceptable { get; init; } = true;
    }
}
