using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Configuration;

namespace Blux.Modules.Ca.Startup;

/// <summary>
/// ca.db as the host's store check sees it. Its mark is the newest reflection note at a clean stop:
/// notes are never deleted, so a store without it lost notes or is an older copy.
/// </summary>
internal sealed class CaModuleStore(IConfiguration configuration) : NewestRowsStore(
    configuration,
    Name,
    "reflections",
    new KeptRow("newest_note", "reflections", "note_id", "reflection note", "notes were removed, or the file is an older copy"))
{
    public const string Name = "ca";
}
