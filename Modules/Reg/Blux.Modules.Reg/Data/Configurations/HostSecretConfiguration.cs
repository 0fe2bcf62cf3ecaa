using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Stores;

namespace Blux.Modules.Reg.Data.Configurations;

internal sealed class HostSecretConfiguration() : TableMapping<HostSecret>("host_secrets", s => s.Name);
