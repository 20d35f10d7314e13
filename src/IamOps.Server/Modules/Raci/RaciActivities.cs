namespace IamOps.Server.Modules.Raci;

/// <summary>Keys of the default catalogue's activities that IamOps features perform (a test checks each one exists).</summary>
public static class RaciActivities
{
    /// <summary>Perform incident management tasks at the system layer level… (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string IncidentManagement = "incident-management/perform-incident-management-tasks-at-the-system-layer";

    /// <summary>Provide to CLOUD-IAM and update the list of [CLIENT] personnel capable of assisting… (CLOUD-IAM I, [CLIENT] R).</summary>
    public const string EscalationContactList = "incident-management/provide-to-cloud-iam-and-update-the-list-of";

    /// <summary>Ensure that the appropriate [CLIENT] personnel are available to collaborate… (CLOUD-IAM I, [CLIENT] R).</summary>
    public const string ClientPersonnelAvailability = "incident-management/ensure-that-the-appropriate-client-personnel-are-available";

    /// <summary>Develop with [CLIENT] procedures for managing all planned and urgent changes… (CLOUD-IAM R, [CLIENT] S, C).</summary>
    public const string ChangeProcedures = "change-management/develop-with-client-procedures-for-managing-all-planned";

    /// <summary>Communicate the major changes made by CLOUD-IAM affecting the systems environment (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string MajorChangesCommunication = "change-management/communicate-the-major-changes-made-by-cloud-iam-affecting";

    /// <summary>Record and monitor requests for the implementation of maintenance operations approved by [CLIENT] (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string ChangeRequestTracking = "change-management/record-and-monitor-requests-for-the-implementation-of";

    /// <summary>Provide the automation scripts or procedures for the tasks associated with the change (CLOUD-IAM I, [CLIENT] R).</summary>
    public const string ChangeAutomationScripts = "change-management/provide-the-automation-scripts-or-procedures-when-possible";

    /// <summary>Receive and handle the activity report related to the considered changes (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string ChangeActivityReport = "change-management/receive-and-handle-the-activity-report-related-to";

    /// <summary>Inform CLOUD-IAM of any planned or urgent changes related to the environment of [CLIENT] (CLOUD-IAM I, [CLIENT] R).</summary>
    public const string ClientChangeNotice = "change-management/inform-cloud-iam-of-any-planned-or-urgent-changes";

    /// <summary>Provide on demand [CUSTOMER] inventories of hardware and system software… (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string OnDemandInventory = "configuration-management/provide-on-demand-customer-inventories-of-hardware-and";

    /// <summary>Use the administration console or the API to configure the Keycloak cluster (CLOUD-IAM S, [CLIENT] R, A).</summary>
    public const string KeycloakConfigurationByClient = "configuration-management/use-the-administration-console-or-the-api-to";

    /// <summary>Inform Cloud-IAM support of an incident triggered by a [CLIENT] action on the configuration (CLOUD-IAM I, [CLIENT] R, A).</summary>
    public const string ClientConfigurationIncidentReport = "configuration-management/inform-cloud-iam-support-of-an-incident-triggered-by";

    /// <summary>Ensure that the [CLIENT] configuration of the Keycloak cluster follows the state of the art… (CLOUD-IAM S, [CLIENT] R, A).</summary>
    public const string KeycloakSecurityStateOfTheArt = "configuration-management/ensure-that-the-client-configuration-of-the-keycloak";

    /// <summary>Ensure that the audit functionalities are activated (CLOUD-IAM S, [CLIENT] R , A).</summary>
    public const string KeycloakAuditActivated = "configuration-management/ensure-that-the-audit-functionalities-are-activated";

    /// <summary>Ensure that the [CLIENT] client applications are configured following state-of-the-art security (CLOUD-IAM S, [CLIENT] R, A).</summary>
    public const string ClientApplicationsSecurity = "configuration-management/ensure-that-the-client-clients-application-that-rely";

    /// <summary>Take actions to be in conformance with GDPR and e-privacy regarding user data (CLOUD-IAM S, [CLIENT] R, A).</summary>
    public const string GdprConformance = "configuration-management/take-actions-to-be-in-conformance-with-gdpr";

    /// <summary>Define performance indicators and monitor system performance against them (CLOUD-IAM R, [CLIENT] C, A).</summary>
    public const string PerformanceIndicators = "performance-management/define-performance-indicators-and-monitor-system-performance-against";

    /// <summary>Take appropriate resolution actions when performance is impacted (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string PerformanceResolution = "performance-management/take-appropriate-resolution-actions-for-example-adjustments-client";

    /// <summary>Advise [CLIENT] on the system configurations required to reach the Service Levels (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string PerformanceAdvice = "performance-management/advise-client-on-the-system-configurations-required-and";

    /// <summary>Carry out equipment maintenance in accordance with the manufacturer's specifications (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string EquipmentMaintenance = "availability-management/carry-out-equipment-maintenance-in-accordance-with-the";

    /// <summary>Issue recommendations for improvement in terms of availability (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string AvailabilityRecommendations = "availability-management/issue-recommendations-for-improvement-in-terms-of-availability";

    /// <summary>Define [CLIENT]'s needs in terms of availability (CLOUD-IAM S, C, [CLIENT] R).</summary>
    public const string AvailabilityNeeds = "availability-management/define-client-s-needs-in-terms-of-availability";

    /// <summary>Define backup needs (CLOUD-IAM I, [CLIENT] R).</summary>
    public const string BackupNeeds = "availability-management/define-backup-needs";

    /// <summary>Monitor system resources and correlate alerts (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string SystemMonitoring = "monitoring-and-control-of-systems/monitor-system-resources-and-correlate-alerts-cpu-memory";

    /// <summary>Inform the Customer in the event of an Incident affecting users (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string UsersAffectedNotice = "monitoring-and-control-of-systems/inform-the-customer-in-the-event-of-an";

    /// <summary>Monitor scheduled jobs and manage alerts (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string ScheduledJobsMonitoring = "operational-operations/monitor-scheduled-jobs-and-manage-alerts";

    /// <summary>Plan the maintenance of the systems so as not to penalize the activities of [CUSTOMER] (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string MaintenancePlanning = "operational-operations/plan-the-maintenance-of-the-systems-in-accordance";

    /// <summary>Communicate to the [CUSTOMER] the hosting provider's scheduled maintenance (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string HostingMaintenanceCommunication = "operational-operations/communicate-to-the-customer-the-scheduled-non-interruptible-or";

    /// <summary>Ensure that backups are carried out and are effectively carried out (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string BackupVerification = "backup-management/ensure-that-backups-are-carried-out-and-are";

    /// <summary>Perform backup of system environments and data according to the backup plan (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string BackupExecution = "backup-management/perform-backup-of-system-environments-and-data-according";

    /// <summary>Perform systems and data recovery (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string Restore = "backup-management/perform-systems-and-data-recovery";

    /// <summary>Take into account any changes in the backup schedule (CLOUD-IAM R, [CLIENT] I, S, C).</summary>
    public const string BackupScheduleChange = "backup-management/take-into-account-any-changes-in-the-backup";

    /// <summary>Define the backup policy, the frequency of backups and the retention period (CLOUD-IAM R, [CLIENT] I, C).</summary>
    public const string BackupPolicyDefinition = "backup-management/define-the-backup-policy-the-frequency-of-backups";

    /// <summary>Carry out all technical support operations for the system (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string TechnicalSupport = "system-and-technical-support/carry-out-all-technical-support-operations-for-the";

    /// <summary>Follow the history of changes in managed resources (CLOUD-IAM R, [CLIENT] I).</summary>
    public const string ChangeHistory = "system-and-technical-support/follow-the-history-of-changes-in-managed-resources";

    /// <summary>Monitoring space allocation of the databases (CLOUD-IAM R, [CLIENT] none).</summary>
    public const string DatabaseSpaceMonitoring = "technical-administration-of-databases/monitoring-space-allocation";

    /// <summary>Performance monitoring of the databases, diagnostics and corrective actions (CLOUD-IAM R, [CLIENT] none).</summary>
    public const string DatabasePerformance = "technical-administration-of-databases/performance-monitoring-and-in-the-event-of-degradation";

    /// <summary>Promoting the changes on the databases of [CLIENT] in the production environment (CLOUD-IAM R, [CLIENT] I, A).</summary>
    public const string DatabaseChangePromotion = "technical-administration-of-databases/promoting-the-changes-on-the-databases-of-client";

    /// <summary>Every constant above, for checks and tooling.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(RaciActivities)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}
