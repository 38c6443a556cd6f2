using Grains.Interfaces.Content;
using Orleans.Concurrency;

namespace Grains.Content;

/// <summary>Reads a page of an owner's collection index, then the collections themselves in parallel.</summary>
[StatelessWorker]
internal sealed class CollectionListingGrain : Grain, ICollectionListingGrain
{
    public async Task<PageResult<Collection>> ListAsync(Guid ownerId, PageRequest request)
    {
        var errors = new FieldErrors();
        var limit = PageLimit.Of(request, errors);
        long? before = null;
        if (request.Cursor is { } cursor)
        {
            if (PageCursor.TryRead(cursor, PageCursor.Collections, out var sequence)) before = sequence;
            else errors.Add("cursor", "Invalid cursor.");
        }
        if (errors.Any) return new(Errors: errors.ToDictionary());

        var entries = await GrainFactory.GetGrain<IUserCollectionsGrain>(ownerId).ReadAsync(before, limit + 1);
        var page = entries.Take(limit).ToArray();
        var collections = await Task.WhenAll(page.Select(e => GrainFactory.GetGrain<ICollectionGrain>(e.Id).GetAsync(ownerId)));
        return new(Page: new(
                Items: [.. collections.OfType<Collection>()],
                NextCursor: entries.Length > limit ? PageCursor.From(PageCursor.Collections, page[^1].Sequence) : null));
    }
}
