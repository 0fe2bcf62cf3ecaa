using Blux.Modules.Guard;
using Blux.Modules.Guard.Requests;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Blux.UnitTests.Guard;

/// <summary>Alone in its collection: it weighs the process's heap, which other tests would disturb.</summary>
[CollectionDefinition(nameof(ReplayGuardMemoryTests), DisableParallelization = true)]
public sealed class ReplayGuardMemoryCollection;

[Collection(nameof(ReplayGuardMemoryTests))]
public sealed class ReplayGuardMemoryTests
{
    [Fact]
    public void What_an_entry_keeps_on_the_heap_is_within_the_stated_bytes_per_entry()
    {
        const int Entries = 200_000;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var guard = new ReplayGuard(clock, Options.Create(new GuardOptions { ReplayMemoryBytes = 2L * Entries * ReplayGuard.BytesPerEntry }));
        for (var i = 0; i < Entries; i++)
        {
            guard.TryRemember("svc_ingest", $"load-1795767021-1-{i}", "sha256-5fd34124a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c");
        }

        var perEntry = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)Entries;

        guard.Count.Should().Be(Entries);
        perEntry.Should().BeLessThanOrEqualTo(ReplayGuard.BytesPerEntry, "the budget must hold what it claims to");
        perEntry.Should().BeGreaterThan(ReplayGuard.BytesPerEntry / 2.0, "a stated cost far above the real one would waste the budget");
        GC.KeepAlive(guard);
    }
}
