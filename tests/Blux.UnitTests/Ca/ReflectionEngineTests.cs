using System.Text.Json.Nodes;
using Blux.Modules.Ca.Contracts;
using Blux.Modules.Ca.Reflection;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;

namespace Blux.UnitTests.Ca;

public sealed class ReflectionEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    private static Reflect Request(
        string taskType = "echo",
        string environment = "development",
        string sensitivity = "low",
        JsonObject? payload = null,
        string depth = Reflect.Medium) =>
        new("task_1", taskType, new TaskContext("alice", environment, sensitivity), payload, "user:alice", depth);

    private static AuditHistoryItem Item(int n, string status = AuditStatuses.Success, string? taskType = "echo", double minutesAgo = 0) =>
        new($"aud_{n:D4}", n, Now.AddMinutes(-minutesAgo), "task.execute", status, taskType);

    /// <summary>Successful echo tasks, one every <paramref name="spacingMinutes"/> minutes going back from now.</summary>
    private static List<AuditHistoryItem> Steady(int count, double spacingMinutes = 10, int firstNumber = 1) =>
        Enumerable.Range(0, count).Select(i => Item(firstNumber + i, minutesAgo: i * spacingMinutes)).ToList();

    private static Reflection Analyze(Reflect request, IReadOnlyList<AuditHistoryItem>? history = null) =>
        ReflectionEngine.Analyze("note_1", request, history ?? []);

    private static ReflectionFactor Factor(Reflection note, string name) => note.Factors.Single(f => f.Name == name);

    [Fact]
    public void The_same_request_and_history_give_the_same_note()
    {
        static Reflect MakeRequest() => Request("script", "production", "high", new JsonObject { ["language"] = "javascript", ["source"] = "1+1", ["input"] = new JsonObject { ["a"] = new JsonArray(1, 2) } });
        static List<AuditHistoryItem> MakeHistory() =>
            [.. Steady(12, 5), Item(100, AuditStatuses.Failure, "script", 0.2), Item(101, AuditStatuses.Denied, "webhook", 0.1)];

        var first = BluxJson.Serialize(ReflectionEngine.Analyze("note_1", MakeRequest(), MakeHistory()));
        var second = BluxJson.Serialize(ReflectionEngine.Analyze("note_1", MakeRequest(), MakeHistory()));

        second.Should().Be(first);
        first.Should().Contain("aud_0100").And.Contain("\"risk\"");
    }

    [Fact]
    public void A_different_history_gives_a_different_note()
    {
        var request = Request();

        var without = BluxJson.Serialize(Analyze(request, Steady(3)));
        var with = BluxJson.Serialize(Analyze(request, [.. Steady(3), Item(50, AuditStatuses.Failure)]));

        with.Should().NotBe(without);
    }

    [Fact]
    public void Higher_sensitivity_gives_a_higher_score()
    {
        var history = Steady(5);

        var scores = new[] { "low", "medium", "high", "critical" }.Select(s => Analyze(Request(sensitivity: s), history).RiskScore).ToArray();

        scores.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Production_scores_higher_than_staging_which_scores_higher_than_development()
    {
        var history = Steady(5);

        var development = Analyze(Request(environment: "development"), history);
        var staging = Analyze(Request(environment: "staging"), history);
        var production = Analyze(Request(environment: "production"), history);

        production.RiskScore.Should().BeGreaterThan(staging.RiskScore);
        staging.RiskScore.Should().BeGreaterThan(development.RiskScore);
        Factor(production, "environment").Value.Should().BeGreaterThan(Factor(development, "environment").Value);
    }

    [Fact]
    public void More_failures_and_denials_give_a_higher_score_and_are_named()
    {
        var clean = Steady(6);
        var oneFailure = Steady(6);
        oneFailure[2] = Item(3, AuditStatuses.Failure, minutesAgo: 20);
        var threeBad = Steady(6);
        threeBad[1] = Item(2, AuditStatuses.Failure, minutesAgo: 10);
        threeBad[2] = Item(3, AuditStatuses.Denied, minutesAgo: 20);
        threeBad[4] = Item(5, AuditStatuses.Failure, minutesAgo: 40);

        var none = Analyze(Request(), clean);
        var one = Analyze(Request(), oneFailure);
        var three = Analyze(Request(), threeBad);

        one.RiskScore.Should().BeGreaterThan(none.RiskScore);
        three.RiskScore.Should().BeGreaterThan(one.RiskScore);
        Factor(three, "recent_failures").Value.Should().BeGreaterThan(Factor(one, "recent_failures").Value);
        none.RelatedAuditIds.Should().BeEmpty();
        one.RelatedAuditIds.Should().Equal("aud_0003");
        three.RelatedAuditIds.Should().BeEquivalentTo("aud_0002", "aud_0003", "aud_0005");
    }

    [Fact]
    public void The_failure_factor_saturates_instead_of_growing_without_bound()
    {
        var history = Enumerable.Range(1, 20).Select(i => Item(i, AuditStatuses.Failure, minutesAgo: i * 10)).ToList();

        Factor(Analyze(Request(), history), "recent_failures").Value.Should().Be(1.0);
    }

    [Fact]
    public void The_first_task_of_a_type_is_novel()
    {
        var note = Analyze(Request(taskType: "script"), Steady(5));

        Factor(note, "novelty").Value.Should().Be(1.0);
        Factor(note, "novelty").Explanation.Should().Contain("script");
    }

    [Fact]
    public void A_task_type_seen_before_is_not_novel_and_scores_lower()
    {
        var seen = Analyze(Request(taskType: "echo"), Steady(5));
        var firstTime = Analyze(Request(taskType: "script"), Steady(5));

        Factor(seen, "novelty").Value.Should().Be(0.0);
        seen.RiskScore.Should().BeLessThan(firstTime.RiskScore);
    }

    [Fact]
    public void With_no_history_everything_is_novel()
    {
        Factor(Analyze(Request()), "novelty").Value.Should().Be(1.0);
    }

    [Fact]
    public void A_burst_in_the_last_minute_against_a_slower_baseline_is_a_rate_anomaly()
    {
        // One record every 10 minutes for ~2 hours, then 15 in the last minute.
        var baseline = Steady(12, spacingMinutes: 10, firstNumber: 1).Select(h => h with { Timestamp = h.Timestamp.AddMinutes(-2) }).ToList();
        var burst = Enumerable.Range(0, 15).Select(i => Item(100 + i, minutesAgo: i / 30.0)).ToList();

        var quiet = Analyze(Request(), baseline);
        var busy = Analyze(Request(), [.. burst, .. baseline]);

        Factor(quiet, "rate_anomaly").Value.Should().Be(0);
        Factor(busy, "rate_anomaly").Value.Should().BeGreaterThan(0);
        busy.RiskScore.Should().BeGreaterThan(quiet.RiskScore);
        busy.RelatedAuditIds.Should().Contain(burst.Select(b => b.AuditId));
        busy.RelatedAuditIds.Should().NotContain(baseline.Select(b => b.AuditId));
    }

    [Fact]
    public void Steady_activity_at_its_own_pace_is_not_an_anomaly()
    {
        // Busy but even: one record every 6 seconds for 5 minutes.
        var history = Enumerable.Range(0, 50).Select(i => Item(i + 1, minutesAgo: i * 0.1)).ToList();

        Factor(Analyze(Request(), history), "rate_anomaly").Value.Should().Be(0);
    }

    [Fact]
    public void Confidence_grows_with_the_history_available()
    {
        var confidences = new[] { 0, 1, 10, 25, 49, 50 }.Select(n => Analyze(Request(), Steady(n)).Confidence).ToArray();

        confidences.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        confidences[0].Should().Be(0.5);
        confidences[^1].Should().Be(1.0);
    }

    [Fact]
    public void Deep_reflection_needs_more_history_for_the_same_confidence()
    {
        var history = Steady(50);

        Analyze(Request(depth: Reflect.Deep), history).Confidence.Should().BeLessThan(Analyze(Request(depth: Reflect.Medium), history).Confidence);
    }

    [Fact]
    public void A_larger_deeper_payload_is_more_complex()
    {
        var small = new JsonObject { ["operation"] = "analyze" };
        var large = new JsonObject
        {
            ["operation"] = "analyze",
            ["data_references"] = new JsonArray("ref://data/a", "ref://data/b", "ref://data/c"),
            ["options"] = new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonObject { ["c"] = new JsonArray(1) } } },
        };

        var simple = Factor(Analyze(Request(payload: small)), "payload_complexity").Value;
        var complex = Factor(Analyze(Request(payload: large)), "payload_complexity").Value;

        complex.Should().BeGreaterThan(simple);
        Factor(Analyze(Request(payload: null)), "payload_complexity").Value.Should().Be(0);
    }

    [Fact]
    public void A_long_script_is_more_complex_than_a_short_one()
    {
        var shortScript = Factor(Analyze(Request("script", payload: new JsonObject { ["source"] = "1" })), "payload_complexity").Value;
        var longScript = Factor(Analyze(Request("script", payload: new JsonObject { ["source"] = new string('x', 5000) })), "payload_complexity").Value;

        longScript.Should().BeGreaterThan(shortScript);
    }

    [Fact]
    public void The_score_is_the_weighted_sum_of_the_factors()
    {
        var note = Analyze(Request("script", "production", "high", new JsonObject { ["source"] = "x" }), [Item(1, AuditStatuses.Failure)]);

        note.RiskScore.Should().BeApproximately(note.Factors.Sum(f => f.Value * f.Weight), 0.0001);
        note.Factors.Select(f => f.Name).Should().BeEquivalentTo("payload_complexity", "sensitivity", "environment", "recent_failures", "novelty", "rate_anomaly");
        note.Factors.Should().OnlyContain(f => !string.IsNullOrWhiteSpace(f.Explanation));
    }

    [Fact]
    public void Low_risk_recommends_proceed()
    {
        var note = Analyze(Request(), Steady(5));

        note.Risk.Should().Be("low");
        note.Recommendation.Should().Be(Reflection.Proceed);
    }

    [Fact]
    public void Medium_risk_recommends_sandbox()
    {
        // critical 0.30 + novelty 0.05 = 0.35
        var note = Analyze(Request(sensitivity: "critical"));

        note.Risk.Should().Be("medium");
        note.Recommendation.Should().Be(Reflection.Sandbox);
    }

    [Fact]
    public void High_risk_recommends_require_approval()
    {
        // critical 0.30 + production 0.09 + five failures 0.20 + novelty 0.05 = 0.64
        var failures = Enumerable.Range(1, 5).Select(i => Item(i, AuditStatuses.Failure, "webhook", i * 10)).ToList();

        var note = Analyze(Request(environment: "production", sensitivity: "critical"), failures);

        note.Risk.Should().Be("high");
        note.Recommendation.Should().Be(Reflection.RequireApproval);
    }

    [Fact]
    public void Critical_risk_recommends_deny()
    {
        // As above plus a maximally complex payload (0.20) = 0.84
        var failures = Enumerable.Range(1, 5).Select(i => Item(i, AuditStatuses.Failure, "webhook", i * 10)).ToList();
        var payload = new JsonObject { ["language"] = "javascript", ["source"] = new string('x', 10_000) };

        var note = Analyze(Request("script", "production", "critical", payload), failures);

        note.Risk.Should().Be("critical");
        note.Recommendation.Should().Be(Reflection.Deny);
    }

    [Fact]
    public void The_note_keeps_the_task_and_note_ids_and_the_depth()
    {
        var note = ReflectionEngine.Analyze("note_xyz", Request(depth: Reflect.Deep), []);

        note.NoteId.Should().Be("note_xyz");
        note.TaskId.Should().Be("task_1");
        note.Depth.Should().Be(Reflect.Deep);
        note.Insight.Should().Contain(note.Risk).And.Contain(note.Recommendation);
    }

    [Theory]
    [InlineData(Reflect.Medium, 50)]
    [InlineData(Reflect.Deep, 200)]
    public void Depth_selects_how_much_history_is_read(string depth, int expected)
    {
        ReflectionEngine.HistoryDepth(depth).Should().Be(expected);
    }
}
