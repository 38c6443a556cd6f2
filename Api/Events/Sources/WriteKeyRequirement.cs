using Grains.Pipeline;
using Microsoft.Extensions.Options;
using Silo.Persistence;

namespace Api.Events.Sources;

/// <summary>
/// Whether <c>POST /api/events</c> needs a write key: <c>Pipeline:RequireWriteKey</c>, or when unset, in cluster mode
/// (PostgreSQL) yes and in the embedded default no.
/// </summary>
public sealed class WriteKeyRequirement(IOptions<PipelineOptions> options, PlatformDatabase database)
{
    public bool IsRequired { get; } = options.Value.RequireWriteKey ?? database.IsClustered;
}
