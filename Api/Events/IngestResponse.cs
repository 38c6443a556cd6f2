using Grains.Pipeline;

namespace Api.Events;

/// <summary>202 body of <c>POST /api/events</c>: how many were accepted (durably in Kafka) and why the others were not.</summary>
public sealed record IngestResponse(int Accepted, IReadOnlyList<RejectedEvent> Rejected);

