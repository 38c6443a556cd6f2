namespace Grains.Interfaces.Notifications;

public static class NotificationTypes
{
    public const string PostCreated = "post.created";
    public const string PostUpdated = "post.updated";
    public const string PostDeleted = "post.deleted";
    public const string CollectionCreated = "collection.created";
    public const string CollectionUpdated = "collection.updated";
    public const string CollectionDeleted = "collection.deleted";
    public const string CollectionPostAdded = "collection.post_added";
    public const string CollectionPostRemoved = "collection.post_removed";
}
