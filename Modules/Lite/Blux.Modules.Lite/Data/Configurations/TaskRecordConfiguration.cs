using Blux.Modules.Lite.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Lite.Data.Configurations;

internal sealed class TaskRecordConfiguration : IEntityTypeConfiguration<TaskRecord>
{
    public void Configure(EntityTypeBuilder<TaskRecord> builder)
    {
        builder.ToTable("tasks");
        builder.HasKey(t => t.TaskId);
        builder.Property(t => t.TaskId).HasColumnName("task_id");
        builder.Property(t => t.Type).HasColumnName("type");
        builder.Property(t => t.Status).HasColumnName("status");
        builder.Property(t => t.Identity).HasColumnName("identity");
        builder.Property(t => t.IdentityAudit).HasColumnName("identity_audit");
        builder.Property(t => t.BodyHash).HasColumnName("body_hash");
        builder.Property(t => t.ContextJson).HasColumnName("context_json");
        builder.Property(t => t.PayloadJson).HasColumnName("payload_json");
        builder.Property(t => t.RequirementsJson).HasColumnName("requirements_json");
        builder.Property(t => t.DecisionJson).HasColumnName("decision_json");
        builder.Property(t => t.Route).HasColumnName("route");
        builder.Property(t => t.RouteJson).HasColumnName("route_json");
        builder.Property(t => t.ReflectionJson).HasColumnName("reflection_json");
        builder.Property(t => t.ResultJson).HasColumnName("result_json");
        builder.Property(t => t.ErrorCode).HasColumnName("error_code");
        builder.Property(t => t.ErrorMessage).HasColumnName("error_message");
        builder.Property(t => t.Attempts).HasColumnName("attempts");
        builder.Property(t => t.MaxExecutionMs).HasColumnName("max_execution_ms");
        builder.Property(t => t.CreateAuditId).HasColumnName("create_audit_id");
        builder.Property(t => t.EventIdsJson).HasColumnName("event_ids_json");
        builder.Property(t => t.AuditTrailJson).HasColumnName("audit_trail_json");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.StartedAt).HasColumnName("started_at");
        builder.Property(t => t.CompletedAt).HasColumnName("completed_at");
        builder.Property(t => t.Version).HasColumnName("version").IsConcurrencyToken();
        builder.Property(t => t.PendingJson).HasColumnName("pending_json");
        builder.Property(t => t.NotBefore).HasColumnName("not_before");
        builder.Property(t => t.DurationMs).HasColumnName("duration_ms");
        builder.Property(t => t.CancelRequestedBy).HasColumnName("cancel_requested_by");
        builder.Property(t => t.CancelRequestedAt).HasColumnName("cancel_requested_at");
        builder.Property(t => t.ReviewedBy).HasColumnName("reviewed_by");
        builder.Property(t => t.ReviewedAt).HasColumnName("reviewed_at");
        builder.Property(t => t.ReviewDecision).HasColumnName("review_decision");
        builder.Property(t => t.ReviewReason).HasColumnName("review_reason");
        builder.Ignore(t => t.Pending);
        builder.Ignore(t => t.AuditTrail);
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => new { t.Type, t.CreatedAt });
        builder.HasIndex(t => t.CreatedAt);
        builder.HasIndex(t => new { t.Identity, t.CreatedAt });
    }
}
