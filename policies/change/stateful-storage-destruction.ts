import { fail, pass, unknown } from '../../lib/policy/rule-kit';
import { Rule, Verdict } from '../../lib/policy/types';

/**
 * Resource types that hold data which a deletion destroys: object storage, file systems, block
 * volumes, databases and warehouses of the three clouds.
 */
export const STATEFUL_STORAGE_TYPES = [
  // AWS
  'aws_s3_bucket',
  'aws_efs_file_system',
  'aws_fsx_lustre_file_system',
  'aws_fsx_ontap_file_system',
  'aws_fsx_openzfs_file_system',
  'aws_fsx_windows_file_system',
  'aws_ebs_volume',
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_docdb_cluster',
  'aws_neptune_cluster',
  'aws_dynamodb_table',
  'aws_redshift_cluster',
  'aws_opensearch_domain',
  'aws_elasticsearch_domain',
  'aws_backup_vault',
  // Azure
  'azurerm_storage_account',
  'azurerm_storage_container',
  'azurerm_storage_share',
  'azurerm_storage_data_lake_gen2_filesystem',
  'azurerm_managed_disk',
  'azurerm_managed_lustre_file_system',
  'azurerm_netapp_volume',
  'azurerm_mssql_server',
  'azurerm_mssql_database',
  'azurerm_postgresql_server',
  'azurerm_postgresql_flexible_server',
  'azurerm_mysql_flexible_server',
  'azurerm_cosmosdb_account',
  // Google
  'google_storage_bucket',
  'google_compute_disk',
  'google_compute_region_disk',
  'google_filestore_instance',
  'google_lustre_instance',
  'google_parallelstore_instance',
  'google_sql_database_instance',
  'google_sql_database',
  'google_alloydb_cluster',
  'google_bigtable_instance',
  'google_bigtable_table',
  'google_spanner_instance',
  'google_spanner_database',
  'google_bigquery_dataset',
  'google_bigquery_table',
  'google_firestore_database',
] as const;

/** A plan must not delete or replace a stateful storage resource without someone saying so. */
export const statefulStorageDestruction: Rule = {
  id: 'AIRA-CHG-001',
  title: 'A plan does not delete or replace stateful storage',
  severity: 'high',
  rationale:
    'Deleting or replacing a file system, bucket, disk or database destroys its data: training sets, checkpoints, feature stores. ' +
    'A replacement is often forced by an innocent-looking argument change, and only the plan shows it.',
  remediation:
    'Change the argument in place if the provider allows it, move the resource (moved block) instead of renaming it, or migrate the data first; ' +
    'if the destruction is intended, suppress this result for the address with the reason and keep lifecycle.prevent_destroy on the rest.',
  resourceTypes: STATEFUL_STORAGE_TYPES,
  sources: ['plan'],
  frameworks: {
    // A change-review guard against destruction, not a backup: no backup controls (A.8.13, A1.2, 164.308(a)(7)(ii)(A)),
    // and nothing of EU AI Act Art. 10 (data quality) or Art. 12 (event logs).
    'iso-27001-2022': ['A.8.32'],
    soc2: ['CC8.1'],
    hipaa: ['164.312(c)(1)'],
  },
  references: [],
  docs: ['https://developer.hashicorp.com/terraform/internals/json-format#change-representation'],
  check(r): Verdict {
    const a = r.actions;
    if (!a.length) return unknown('the plan lists no change for this resource (no resource_changes)');
    if (!a.includes('delete')) return pass(`no deletion (actions: ${a.join(', ')})`);
    const why = r.actionReason ? ` (${r.actionReason})` : '';
    if (a.includes('create')) {
      const order = a[0] === 'delete' ? 'delete then create' : 'create then delete';
      const forced = r.replacePaths.length ? `, forced by ${r.replacePaths.join(', ')}` : '';
      return fail(`planned replacement (${order})${forced}${why} destroys the stored data`, r.replacePaths[0]);
    }
    return fail(`planned deletion${why} destroys the stored data`);
  },
};
