using System.Collections.Concurrent;

namespace Platform.Tests.Operations;

/// <summary>What the clients of a load saw: accepted events, created resources, and every failure with its time.</summary>
public sealed class LoadReport
{
    private long _acceptedEvents, _sentEvents;

    public ConcurrentDictionary<Guid, byte> AcceptedIds { get; } = new();

    /// <summary>Post id → the token of its author.</summary>
    public ConcurrentDictionary<string, string> Posts { get; } = new();

    /// <summary>Collection id → the token of its owner.</summary>
    public ConcurrentDictionary<string, string> Collections { get; } = new();

    /// <summary>Each failed request: when, what ("POST /api/posts"), and the status or exception.</summary>
    public ConcurrentQueue<(DateTime At, string Request, string Failure)> Failures { get; } = new();

    public ConcurrentDictionary<int, int> Statuses { get; } = new();

    public long SentEvents => Interlocked.Read(ref _sentEvents);

    public long AcceptedEvents => Interlocked.Read(ref _acceptedEvents);

    public void Sent(int count) => Interlocked.Add(ref _sentEvents, count);

    public void Accepted(int count) => Interlocked.Add(ref _acceptedEvents, count);

    public void Answered(string request, HttpStatusCode status)
    {
        Statuses.AddOrUpdate((int)status, 1, (_, n) => n + 1);
        if ((int)status >= 500) Failures.Enqueue((DateTime.UtcNow, request, ((int)status).ToString()));
    }

    public void Failed(string request, Exception exception) =>
        Failures.Enqueue((DateTime.UtcNow, request, exception.GetType().Name));

    /// <summary>Failures outside [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public int FailuresOutside(DateTime from, DateTime to) => Failures.Count(f => f.At < from || f.At > to);

    public string DescribeFailures() =>
        string.Join(Environment.NewLine, Failures.Select(f => $"{f.At:HH:mm:ss.fff} {f.Request} {f.Failure}"));

    public string Describe() =>
        $"statuses: {string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))}; " +
        $"failures: {Failures.Count} [{string.Join("; ", Failures.GroupBy(f => (f.Request, f.Failure)).Select(g => $"{g.Key.Request} {g.Key.Failure} ×{g.Count()}"))}]";
}
