using System.Diagnostics;
using System.Diagnostics.Metrics;
using Central.Data.Messaging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Central.Bot.Observability;

/// <summary>
/// What operators watch: messages in and out, turn latency, queue depths and send failures by reason (meter and
/// activity source "Central"). Tags carry channels and failure kinds only — never people.
/// </summary>
public sealed class Telemetry : IDisposable
{
    public const string Name = "Central";

    public static readonly ActivitySource Activities = new(Name);

    private readonly Meter _meter = new(Name);

    public Telemetry(InboxStore inbox, OutboxStore outbox)
    {
        MessagesIn = _meter.CreateCounter<long>("central.messages.in", description: "Inbound messages taken into the inbox");
        MessagesOut = _meter.CreateCounter<long>("central.messages.out", description: "Messages delivered to a channel");
        SendFailures = _meter.CreateCounter<long>("central.send.failures", description: "Sends that failed, by kind (retry for passing failures)");
        RateLimited = _meter.CreateCounter<long>("central.messages.rate_limited", description: "Inbound messages dropped because one sender sent too many");
        TurnDuration = _meter.CreateHistogram<double>("central.turn.duration", unit: "ms", description: "Time to run one turn");
        _meter.CreateObservableGauge("central.inbox.pending", () => (long)inbox.PendingCountAsync(CancellationToken.None).GetAwaiter().GetResult(), description: "Messages waiting to be processed");
        _meter.CreateObservableGauge("central.outbox.pending", () => (long)outbox.PendingCountAsync(CancellationToken.None).GetAwaiter().GetResult(), description: "Messages waiting to be sent");
    }

    public Counter<long> MessagesIn { get; }

    public Counter<long> MessagesOut { get; }

    public Counter<long> SendFailures { get; }

    public Counter<long> RateLimited { get; }

    public Histogram<double> TurnDuration { get; }

    public void Dispose() => _meter.Dispose();
}

public static class ObservabilitySetup
{
    /// <summary>
    /// OpenTelemetry traces and metrics (exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, e.g. to Azure
    /// Monitor's collector), and JSON console logs outside Development for the platform's log collection.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Telemetry>();
        var otel = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(Telemetry.Name).AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/healthz")).AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(Telemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }
        return builder;
    }
}
