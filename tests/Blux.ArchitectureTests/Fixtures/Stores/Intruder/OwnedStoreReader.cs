using Blux.ArchitectureTests.Fixtures.Stores.Owner;

namespace Blux.ArchitectureTests.Fixtures.Stores.Intruder;

/// <summary>Breaks rule 7: code outside the owner that uses the owner's DbContext.</summary>
internal sealed class OwnedStoreReader
{
    public static int TrackedEntries(OwnedStoreDbContext store) => store.ChangeTracker.Entries().Count();
}
