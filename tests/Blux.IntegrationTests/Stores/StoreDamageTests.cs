using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Stores;

/// <summary>
/// The store-damage family: each module store of a cleanly stopped Blux is deleted, emptied, replaced
/// by another program's SQLite file, truncated, overwritten with random bytes (whole, or one page in
/// the middle), or replaced by the same store of another Blux installation. Blux, started as a child process, refuses every one of them with
/// exit code 2 and one line naming the file and the reason, and changes nothing: the damage is still
/// there for the operator to look at, no new store was made in its place.
/// </summary>
[Collection(InstallationsCollection.Name)]
public sealed class StoreDamageTests(Installations installations)
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var module in Installations.Modules)
        {
            foreach (var damage in StoreDamage.All)
            {
                cases.Add(module, damage);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_damaged_store_is_refused_with_one_line_naming_the_file_and_nothing_is_recreated(string module, string damage)
    {
        var dataPath = Installations.Copy(installations.Original);
        try
        {
            StoreDamage.Apply(damage, dataPath, module, installations.Other);
            var store = StoreDamage.StorePath(dataPath, module);
            var manifest = Path.Combine(dataPath, "blux-manifest.json");
            var (storeBefore, manifestBefore) = (StoreDamage.Fingerprint(store), StoreDamage.Fingerprint(manifest));

            var (exitCode, output) = await HostProcess.RunUntilExitAsync(dataPath);

            var report = string.Join(Environment.NewLine, output);
            exitCode.Should().Be(2, report);
            var refusal = output.Where(line => line.Contains("Blux did not start", StringComparison.Ordinal)).Should().ContainSingle(report).Subject;
            refusal.Should().Contain(store + ": ").And.Contain(StoreDamage.ExpectedReason(damage, module)).And.Contain($"--accept-store-reset {module}");
            output.Should().NotContain(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal), "a refusal is one line, not a stack trace");
            StoreDamage.Fingerprint(store).Should().Be(storeBefore, "a refused start leaves the damaged store as it found it");
            StoreDamage.Fingerprint(manifest).Should().Be(manifestBefore);
        }
        finally
        {
            TestDirectory.Delete(dataPath);
        }
    }
}
