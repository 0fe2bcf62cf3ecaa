using System.Text.Json;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// The repository's Dockerfile read as a recipe the tests can follow without a container runtime:
/// the build stage's <c>COPY</c> and <c>RUN</c> lines, and the runtime stage's <c>ENV</c>,
/// <c>ENTRYPOINT</c> and <c>HEALTHCHECK</c>. It understands the forms the Dockerfile uses and fails
/// on any other, so a change to the Dockerfile cannot silently leave the tests behind.
/// </summary>
internal sealed class DockerfileRecipe
{
    public const string BuildDirectory = "/src";
    public const string AppDirectory = "/app";

    private DockerfileRecipe()
    {
    }

    /// <summary>Build stage: (sources relative to the repository, destination relative to <see cref="BuildDirectory"/>).</summary>
    public List<(string[] Sources, string Destination)> Copies { get; } = [];

    /// <summary>Build stage: each <c>RUN</c> command split into its words.</summary>
    public List<string[]> Runs { get; } = [];

    public Dictionary<string, string> Environment { get; } = [];

    public string[] Entrypoint { get; private set; } = [];

    public string[] Healthcheck { get; private set; } = [];

    public static DockerfileRecipe Read()
    {
        var recipe = new DockerfileRecipe();
        var stage = 0;
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "Dockerfile")).Select(l => l.Trim()))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var (instruction, rest) = (line.Split(' ', 2)[0], line.Split(' ', 2).ElementAtOrDefault(1) ?? string.Empty);
            switch (instruction, stage)
            {
                case ("FROM", _):
                    stage++;
                    break;
                case ("WORKDIR", 1):
                    rest.Should().Be(BuildDirectory);
                    break;
                case ("COPY", 1):
                    var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    recipe.Copies.Add((words[..^1], words[^1]));
                    break;
                case ("RUN", 1):
                    recipe.Runs.Add(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case ("ENV", 2):
                    var pair = rest.Split('=', 2);
                    recipe.Environment[pair[0]] = pair[1];
                    break;
                case ("ENTRYPOINT", 2):
                    recipe.Entrypoint = JsonSerializer.Deserialize<string[]>(rest)!;
                    break;
                case ("HEALTHCHECK", 2):
                    recipe.Healthcheck = JsonSerializer.Deserialize<string[]>(rest[(rest.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..])!;
                    break;
                case ("WORKDIR" or "COPY" or "RUN" or "VOLUME" or "EXPOSE" or "USER" or "STOPSIGNAL", 2):
                    break;
                default:
                    throw new InvalidOperationException($"The Dockerfile recipe does not know '{line}' in stage {stage}.");
            }
        }

        return recipe;
    }

    /// <summary>
    /// Follows the build stage's <c>COPY</c> lines from the repository into <paramref name="buildDirectory"/>,
    /// leaving out <c>bin</c> and <c>obj</c> as .dockerignore does.
    /// </summary>
    public void CopyBuildContext(string buildDirectory)
    {
        foreach (var (sources, destination) in Copies)
        {
            var target = Path.Combine(buildDirectory, destination);
            foreach (var source in sources)
            {
                var from = Path.Combine(RepositoryRoot.Path, source);
                if (Directory.Exists(from))
                {
                    CopyDirectory(from, target);
                }
                else
                {
                    File.Exists(from).Should().BeTrue($"the Dockerfile copies {source}");
                    var to = destination.EndsWith('/') ? Path.Combine(target, Path.GetFileName(source)) : target;
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(from, to, overwrite: true);
                }
            }
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
