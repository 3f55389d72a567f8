import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import type { TaskList, TaskPeriod, TaskStats } from '../../../../shared/schemas/tasks.js';

// The queries the 重点工作 screens share; keys start with 'tasks' so one invalidation refreshes all.

export const useTaskLists = () => useQuery({ queryKey: ['tasks', 'lists'], queryFn: async () => (await api.get<{ items: TaskList[] }>('/task-lists')).items });

export const useTaskPeriods = (listId: number | undefined) =>
  useQuery({
    queryKey: ['tasks', 'periods', listId],
    queryFn: async () => (await api.get<{ items: TaskPeriod[] }>(`/task-lists/${listId}/periods`)).items,
    enabled: listId !== undefined,
  });

export const useTaskStats = (listId: number | undefined, periodId: number | undefined) =>
  useQuery({
    queryKey: ['tasks', 'stats', listId, periodId],
    queryFn: () => api.get<TaskStats>(`/task-lists/${listId}/stats`, { periodId }),
    enabled: listId !== undefined,
  });
