using System.Reflection;

namespace Blux.Testing;

/// <summary>The checkout these tests were built from, and the configuration they were built in.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Configuration { get; } =
        typeof(RepositoryRoot).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Blux.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Blux.sln above {AppContext.BaseDirectory}.");
    }
}
