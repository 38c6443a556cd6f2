using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Grains.Streaming.Kafka.Embedded;

/// <summary>
/// librdkafka's C API for the mock cluster, bound to the copy of librdkafka that Confluent.Kafka loaded.
/// </summary>
internal static class LibrdkafkaMock
{
    private const string Library = "rdkafka-mock";
    private const int ProducerType = 0;
    private const int ConfigOk = 0;

    // The redist package ships a build that needs libsasl2 and one that does not; Confluent.Kafka
    // tries them in this order, so resolving the same names again yields the handle it already holds.
    private static readonly string[] NativeNames = ["librdkafka", "centos8-librdkafka.so", "alpine-librdkafka.so"];

    static LibrdkafkaMock()
    {
        // Forces Confluent.Kafka to load its native library before the same copy is looked up here.
        _ = Confluent.Kafka.Library.Version;
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaMock).Assembly, Resolve);
    }

    public static IntPtr CreateClusterHost()
    {
        var conf = rd_kafka_conf_new();
        Set(conf, "client.id", "embedded-kafka-broker");
        Set(conf, "log_level", "3");
        var error = new byte[512];
        var handle = rd_kafka_new(ProducerType, conf, error, (UIntPtr)error.Length);
        return handle != IntPtr.Zero
            ? handle
            : throw new KafkaException(new Error(ErrorCode.Local_Fail, "rd_kafka_new failed: " + Text(error)));
    }

    public static IntPtr CreateCluster(IntPtr host, int brokers)
    {
        var cluster = rd_kafka_mock_cluster_new(host, brokers);
        return cluster != IntPtr.Zero
            ? cluster
            : throw new KafkaException(new Error(ErrorCode.Local_Fail, "rd_kafka_mock_cluster_new failed"));
    }

    public static string Bootstraps(IntPtr cluster) => Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster)) ?? "";

    public static ErrorCode CreateTopic(IntPtr cluster, string topic, int partitions) =>
        (ErrorCode)rd_kafka_mock_topic_create(cluster, topic, partitions, 1);

    public static void SetControllerId(IntPtr cluster, int brokerId) => rd_kafka_mock_set_controller_id(cluster, brokerId);

    public static void SetInitialRebalanceDelay(IntPtr cluster, int milliseconds) =>
        rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, milliseconds);

    /// <summary>Down: the broker closes its connections and refuses new ones, keeping its data; up: it answers again.</summary>
    public static ErrorCode SetBrokerUp(IntPtr cluster, int brokerId, bool up) =>
        (ErrorCode)(up ? rd_kafka_mock_broker_set_up(cluster, brokerId) : rd_kafka_mock_broker_set_down(cluster, brokerId));

    public static void Advertise(IntPtr cluster, int brokerId, string host, int port) =>
        rd_kafka_mock_broker_set_host_port(cluster, brokerId, host, port);

    public static void Destroy(IntPtr cluster, IntPtr host)
    {
        rd_kafka_mock_cluster_destroy(cluster);
        rd_kafka_destroy(host);
    }

    private static void Set(IntPtr conf, string name, string value)
    {
        var error = new byte[512];
        if (rd_kafka_conf_set(conf, name, value, error, (UIntPtr)error.Length) != ConfigOk)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"rd_kafka_conf_set {name}: {Text(error)}"));
        }
    }

    private static string Text(byte[] buffer) => System.Text.Encoding.UTF8.GetString(buffer).TrimEnd('\0');

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        var confluent = typeof(Confluent.Kafka.Library).Assembly;
        foreach (var candidate in NativeNames)
        {
            if (NativeLibrary.TryLoad(candidate, confluent, null, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException("librdkafka as loaded by Confluent.Kafka was not found.");
    }

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_conf_new();

    [DllImport(Library)]
    private static extern int rd_kafka_conf_set(IntPtr conf, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, byte[] errstr, UIntPtr errstrSize);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);

    [DllImport(Library)]
    private static extern void rd_kafka_destroy(IntPtr rk);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [DllImport(Library)]
    private static extern int rd_kafka_mock_topic_create(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    [DllImport(Library)]
    private static extern int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [DllImport(Library)]
    private static extern int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_set_controller_id(IntPtr cluster, int brokerId);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_broker_set_host_port(IntPtr cluster, int brokerId, [MarshalAs(UnmanagedType.LPUTF8Str)] string host, int port);
}
