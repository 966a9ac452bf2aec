package dev.pacer.it.apps.shapes;

/** An override that calls super.find. */
public class AuditedRepository extends DbRepository {
    @Override
    public int find(int id) {
        return super.find(id) + 1;
    }
}
