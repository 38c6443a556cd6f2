using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Silo.Journal;

/// <summary>Not ready while the journal writes back what the previous run left; degraded (still ready) while admission is closed for backlog.</summary>
internal sealed class PipelineJournalHealthCheck(SqlitePipelineJournal journal) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !journal.IsRecovered ? HealthCheckResult.Unhealthy("Writing back the events accepted before the last stop")
            : journal.Admission is { IsOpen: false, Reason: var reason } ? HealthCheckResult.Degraded(reason)
            : HealthCheckResult.Healthy("Accepted events are journaled until processed"));
}
