using Blux.ArchitectureTests.Docs;

namespace Blux.ArchitectureTests;

/// <summary>Code, tests, scripts and docs cite the contract in <c>docs/</c>, by headings that exist; decision records share one format.</summary>
public sealed class DocReferenceTests
{
    private static readonly Lazy<IReadOnlyList<(string Path, string Text)>> Repository = new(ReadTrackedTextFiles);

    [Fact]
    public void No_tracked_file_outside_docs_cites_a_document_the_repository_does_not_hold() =>
        DocReferenceRule.OutsideCitations(Repository.Value).Should().BeEmpty();

    [Fact]
    public void Every_cited_heading_exists() =>
        DocReferenceRule.BrokenAnchors(Repository.Value).Should().BeEmpty();

    [Fact]
    public void Every_decision_record_has_its_number_title_and_status() =>
        AdrFormatRule.Violations(Repository.Value).Should().BeEmpty();

    [Fact]
    public void A_decision_record_out_of_format_is_reported()
    {
        (string, string)[] files =
        [
            ("docs/adr/0001-good.md", "# 0001. Good\n\nStatus: Accepted\n"),
            ("docs/adr/0002-colon.md", "# 0002: Colon\n\nStatus: Accepted\n"),
            ("docs/adr/0003-other-number.md", "# 0004. Other number\n\nStatus: Accepted\n"),
            ("docs/adr/0005-no-status.md", "# 0005. No status\n\n## Context\n"),
            ("docs/adr/notes.md", "# Notes\n"),
        ];

        AdrFormatRule.Violations(files).Should().BeEquivalentTo(
        [
            "docs/adr/0002-colon.md: the first line is not \"# 0002. Title\"",
            "docs/adr/0003-other-number.md: the first line is not \"# 0003. Title\"",
            "docs/adr/0005-no-status.md: the third line is not \"Status: Accepted\" (or Proposed, Superseded, Deprecated)",
            "docs/adr/notes.md: not named docs/adr/NNNN-title.md",
        ]);
    }

    [Fact]
    public void The_scan_reads_the_contract_and_the_code_that_cites_it()
    {
        Repository.Value.Select(f => f.Path).Should().Contain(["docs/contract.md", "Blux.SharedKernel/Errors/ErrorEnvelope.cs", "README.md"]);
        Repository.Value.Single(f => f.Path == "Blux.SharedKernel/Errors/ErrorEnvelope.cs").Text.Should().Contain("docs/contract.md#error-envelope");
    }

    [Fact]
    public void A_citation_of_an_outside_document_is_reported_outside_docs_only()
    {
        (string, string)[] files =
        [
            ("Blux.Host/Errors/Writer.cs", "/// Writes the SPEC §2 envelope.\nnamespace X;"),
            ("tests/Some/Test.cs", "// as the seed's request has it"),
            ("tests/Fuzz/Test.cs", "// a failure names the seed of its request"),
            ("scripts/run.sh", "echo see SPEC.md"),
            ("docs/history.md", "Once SPEC §2 said so."),
        ];

        DocReferenceRule.OutsideCitations(files).Should().BeEquivalentTo(
        [
            "Blux.Host/Errors/Writer.cs:1: /// Writes the SPEC §2 envelope.",
            "tests/Some/Test.cs:1: // as the seed's request has it",
            "scripts/run.sh:1: echo see SPEC.md",
        ]);
    }

    [Fact]
    public void A_citation_of_a_missing_document_or_heading_is_reported()
    {
        (string, string)[] files =
        [
            ("docs/contract.md", "# Contract\n\n## Error envelope\n\n```\n# not a heading\n```\n[up](#contract) [gone](#not-a-heading)"),
            ("docs/adr/0001-x.md", "See [the envelope](../contract.md#error-envelope) and [errors](../contract.md#errors)."),
            ("Blux.Host/A.cs", "/// docs/contract.md#error-envelope, docs/contract.md#retries, docs/gone.md#x"),
        ];

        DocReferenceRule.BrokenAnchors(files).Should().BeEquivalentTo(
        [
            "docs/contract.md:8: docs/contract.md#not-a-heading: no such heading",
            "docs/adr/0001-x.md:1: docs/contract.md#errors: no such heading",
            "Blux.Host/A.cs:1: docs/contract.md#retries: no such heading",
            "Blux.Host/A.cs:1: docs/gone.md#x: no such document",
        ]);
    }

    [Theory]
    [InlineData("`POST /v1/tasks/{id}/cancel` (tasks:write; the submitter, or an identity with tasks:approve)", "post-v1tasksidcancel-taskswrite-the-submitter-or-an-identity-with-tasksapprove")]
    [InlineData("Hashes, signatures and canonical JSON", "hashes-signatures-and-canonical-json")]
    [InlineData("GET /.well-known/jwks.json", "get-well-knownjwksjson")]
    [InlineData("GET /v1/tasks/{task_id}/events", "get-v1taskstask_idevents")]
    [InlineData("Routes ([`GET /v1/routes`](api.md#routes), tasks:read)", "routes-get-v1routes-tasksread")]
    public void Headings_get_the_anchors_GitHub_gives_them(string heading, string anchor) =>
        DocReferenceRule.Slug(heading).Should().Be(anchor);

    [Fact]
    public void A_repeated_heading_gets_a_numbered_anchor() =>
        DocReferenceRule.Anchors("## Tasks\n## Tasks\n### Tasks").Should().BeEquivalentTo(["tasks", "tasks-1", "tasks-2"]);

    private static IReadOnlyList<(string Path, string Text)> ReadTrackedTextFiles()
    {
        var files = new List<(string, string)>();
        foreach (var path in DocReferenceRule.TrackedFiles(RepositoryRoot.Path))
        {
            var full = Path.Combine(RepositoryRoot.Path, path);
            if (!File.Exists(full))
            {
                continue;
            }

            var bytes = File.ReadAllBytes(full);
            if (!bytes.Contains((byte)0))
            {
                files.Add((path, System.Text.Encoding.UTF8.GetString(bytes)));
            }
        }

        return files;
    }
}
