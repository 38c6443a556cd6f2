namespace Api.Events;

public sealed record ErasedEventsResponse(long Erased);
