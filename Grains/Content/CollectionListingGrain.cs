using Grains.Interfaces.Content;
using Orleans.Concurrency;

namespace Grains.Content;

/// <summary>Reads a page of an owner's collection ids, then the collections themselves in parallel.</summary>
[StatelessWorker]
internal sealed class CollectionListingGrain : Grain, ICollectionListingGrain
{
    public async Task<PageResult<Collection>> ListAsync(Guid ownerId, PageRequest request)
    {
        var errors = new FieldErrors();
        var limit = PageLimit.Of(request, errors);
        string? before = null;
        if (request.Cursor is { } cursor && !PageCursor.TryReadId(cursor, out before))
            errors.Add("cursor", "Invalid cursor.");
        if (errors.Any) return new() { Errors = errors.ToDictionary() };

        var ids = await GrainFactory.GetGrain<IUserCollectionsGrain>(ownerId).ReadAsync(before, limit + 1);
        var page = ids.Take(limit).ToArray();
        var collections = await Task.WhenAll(page.Select(id => GrainFactory.GetGrain<ICollectionGrain>(id).GetAsync(ownerId)));
        return new()
        {
            Page = new()
            {
                Items = [.. collections.OfType<Collection>()],
                NextCursor = ids.Length > limit ? PageCursor.FromId(page[^1]) : null,
            },
        };
    }
}
