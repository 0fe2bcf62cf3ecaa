using Blux.SharedKernel.Stores;
using Microsoft.Extensions.Configuration;

namespace Blux.Modules.Reg.Startup;

/// <summary>
/// reg.db as the host's store check sees it. Its mark is the newest signing key and the newest
/// identity at a clean stop: neither is ever deleted, so a store without them is an older copy.
/// </summary>
internal sealed class RegModuleStore(IConfiguration configuration) : NewestRowsStore(
    configuration,
    Name,
    "signing_keys",
    new KeptRow("newest_key", "signing_keys", "key_id", "signing key", "the file is an older copy"),
    new KeptRow("newest_identity", "identities", "id", "identity", "the file is an older copy"))
{
    public const string Name = "reg";
}
