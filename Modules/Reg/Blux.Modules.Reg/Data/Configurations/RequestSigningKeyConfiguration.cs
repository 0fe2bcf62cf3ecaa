using Blux.Modules.Reg.Domain;
using Blux.SharedKernel.Stores;

namespace Blux.Modules.Reg.Data.Configurations;

internal sealed class RequestSigningKeyConfiguration() : TableMapping<RequestSigningKey>("request_signing_keys", k => new { k.IdentityId, k.Kid });
