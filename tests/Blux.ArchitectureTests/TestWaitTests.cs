using Blux.ArchitectureTests.Waits;

namespace Blux.ArchitectureTests;

/// <summary>
/// Tests wait for the host only through <c>?wait</c> or <c>Eventually</c> (tests/Blux.Testing), which
/// fail with the reason at a deadline: no test polls in a loop of its own.
/// </summary>
public sealed class TestWaitTests
{
    private static readonly string Tests = Path.Combine(RepositoryRoot.Path, "tests");

    private static readonly string Eventually = Path.Combine(Tests, "Blux.Testing", "Eventually.cs");

    [Fact]
    public void No_test_sleeps_in_a_loop_outside_Eventually()
    {
        var violations = TestSources()
            .Where(file => file != Eventually)
            .SelectMany(file => SleepingLoopRule.Violations(File.ReadAllText(file)).Select(v => $"{Path.GetRelativePath(Tests, file)}:{v}"));

        violations.Should().BeEmpty("a wait goes through ?wait or Eventually, which fails at a deadline");
    }

    [Fact]
    public void The_rule_reads_the_test_sources_and_finds_the_loop_in_Eventually()
    {
        TestSources().Should().Contain(Eventually).And.HaveCountGreaterThan(100);
        SleepingLoopRule.Violations(File.ReadAllText(Eventually)).Should().ContainSingle();
    }

    [Theory]
    [InlineData("while (!Done()) { await Task.Delay(20); }")]
    [InlineData("while (true)\n{\n    if (Done()) { return; }\n\n    await Task.Delay(TimeSpan.FromSeconds(1));\n}")]
    [InlineData("do { Poke(); Thread.Sleep(10); } while (!Done());")]
    [InlineData("for (var i = 0; i < 100; i++) await Task.Delay(10);")]
    [InlineData("foreach (var item in items) { for (var i = 0; i < 3; i++) { } Thread.Sleep(5); }")]
    [InlineData("while (x) { var s = $\"{Name(\"}\")}\"; await Task.Delay(5); }")]
    public void A_loop_that_sleeps_is_reported(string body) =>
        SleepingLoopRule.Violations(Method(body)).Should().ContainSingle();

    [Theory]
    [InlineData("await Task.Delay(20);")]
    [InlineData("while (!stop.IsCancellationRequested) { Work(); await Task.Delay(30); }")]
    [InlineData("while (sent < bytes) { Send(); await Task.Delay(pause, stop.Token); }")]
    [InlineData("var script = \"while (true) { Task.Delay(1); }\";")]
    [InlineData("var script = \"\"\"\n    while (true) { Thread.Sleep(1); }\n    \"\"\";")]
    [InlineData("var script = @\"while (\"\"x\"\") { Task.Delay(1); }\";")]
    [InlineData("// while (true) { await Task.Delay(20); }\nawait Eventually.Async(() => Done(), \"done\");")]
    [InlineData("/* while (true) { Thread.Sleep(1); } */ var quote = '\"'; while (Next()) { Read(); }")]
    [InlineData("do { Read(); } while (More());")]
    public void Code_that_does_not_poll_in_a_loop_is_not_reported(string body) =>
        SleepingLoopRule.Violations(Method(body)).Should().BeEmpty();

    private static IEnumerable<string> TestSources() =>
        Directory.EnumerateFiles(Tests, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or "contract"));

    private static string Method(string body) => $"class C\n{{\n    async Task M()\n    {{\n{body}\n    }}\n}}\n";
}
